package lab.abacus.structural;

import java.io.Serializable;
import java.util.Arrays;
import lab.abacus.task.DyckString;

/**
 * What the held-out Dyck splits are decided against: the distinct component skeletons of the training split and the
 * hashes of its strings (both sorted). A candidate string belongs to
 *
 * <ul>
 *   <li>{@code gen} when at least one of its component skeletons never occurs in training;</li>
 *   <li>{@code val} when all of them do and the string itself is not a training string;</li>
 *   <li>neither when it is a training string.</li>
 * </ul>
 */
public record TrainIndex(long[] skeletons, long[] strings) implements Serializable {

    /** Where a candidate string goes. */
    public enum Fate {
        VAL,
        GEN,
        NEITHER
    }

    /** Index sorted, distinct hashes (as {@link SplitStats} and {@link DyckShards} produce them). */
    public static TrainIndex of(long[] skeletons, long[] strings) {
        return new TrainIndex(sortedDistinct(skeletons), sortedDistinct(strings));
    }

    public Fate fate(int[] symbols, int types) {
        for (long s : DyckString.componentSkeletons(symbols, types)) {
            if (Arrays.binarySearch(skeletons, s) < 0) {
                return Fate.GEN;
            }
        }
        return Arrays.binarySearch(strings, DyckString.hash(symbols)) < 0 ? Fate.VAL : Fate.NEITHER;
    }

    private static long[] sortedDistinct(long[] values) {
        return Arrays.stream(values).sorted().distinct().toArray();
    }
}

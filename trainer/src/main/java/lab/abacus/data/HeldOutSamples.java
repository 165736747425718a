package lab.abacus.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lab.abacus.hash.Hashing;

/**
 * Held-out rows for accuracy during training: up to n in-distribution and n out-of-distribution rows of the
 * dataset's {@code eval} split, picked by seed. A row is in-distribution when both its lengths are within the
 * training split's maxima (len_a ≤ max len_a and len_b ≤ max len_b), out-of-distribution otherwise.
 *
 * <p>The eval split is not deduplicated against train (as in the reference), so short in-distribution lengths are
 * partly memorised — the number is a training signal, the grid evaluation is the result.
 */
public record HeldOutSamples(List<SplitReader.Example> inDistribution, List<SplitReader.Example> outOfDistribution) {

    public static HeldOutSamples select(SplitReader dataset, int maxLenA, int maxLenB, int n, long seed) {
        List<SplitReader.Example> id = new ArrayList<>();
        List<SplitReader.Example> ood = new ArrayList<>();
        if (n > 0) {
            dataset.forEach("eval", ex -> (ex.lenA() <= maxLenA && ex.lenB() <= maxLenB ? id : ood).add(ex));
        }
        return new HeldOutSamples(
                pick(id, n, Hashing.runSeed(seed, 0x1dL)), pick(ood, n, Hashing.runSeed(seed, 0x00dL)));
    }

    /** Up to {@code n} of {@code all}, chosen by {@code seed} alone (the same rows for the whole run). */
    public static <T> List<T> pick(List<T> all, int n, long seed) {
        List<T> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }
}

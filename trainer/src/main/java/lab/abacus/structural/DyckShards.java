package lab.abacus.structural;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import lab.abacus.hash.Hashing;
import lab.abacus.task.DyckAutomaton;
import lab.abacus.task.DyckString;

/**
 * Generates the Dyck splits shard by shard (structural-grokking §1.1). Every stream is seeded from (seed, split kind,
 * shard), never from a Spark partition, so the rows do not depend on how shards are spread.
 *
 * <ul>
 *   <li>Training shard s of S draws strings [rows·s/S, rows·(s+1)/S) from the automaton; duplicates are kept, as in
 *       a sample from the language.</li>
 *   <li>Held-out shard s draws candidates from its own stream and sorts each by {@link TrainIndex#fate} into its
 *       share of {@code val} and {@code gen}, until both are full; a candidate neither needs is dropped.</li>
 * </ul>
 */
public final class DyckShards {

    static final int TRAIN = 11;
    static final int HELD_OUT = 12;

    /** Receives rows in order. */
    public interface RowSink {
        void accept(StructuralRow row) throws IOException;
    }

    /** A training shard's stats and the hashes of its strings (for {@link TrainIndex}). */
    public record TrainShard(SplitStats stats, long[] strings) implements Serializable {}

    /** A held-out shard's two splits. */
    public record HeldOutShard(SplitStats val, SplitStats gen) implements Serializable {}

    private DyckShards() {}

    /** Rows of shard {@code shard} of {@code shards} when {@code total} rows are cut into contiguous ranges. */
    public static long quota(long total, int shard, int shards) {
        return total * (shard + 1) / shards - total * shard / shards;
    }

    public static TrainShard train(StructuralDataSettings s, int shard, RowSink sink) {
        DyckAutomaton automaton = automaton(s);
        SplittableRandom rng = new SplittableRandom(Hashing.seed(s.seed(), TRAIN, shard));
        long rows = quota(s.trainRows(), shard, s.shards());
        long[] strings = new long[Math.toIntExact(rows)];
        SplitStats stats = new SplitStats();
        try {
            for (int i = 0; i < rows; i++) {
                int[] symbols = automaton.draw(rng);
                strings[i] = DyckString.hash(symbols);
                StructuralRow row = row(symbols, s.types());
                stats.add(row, DyckString.componentSkeletons(symbols, s.types()));
                sink.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrainShard(stats.finish(), strings);
    }

    public static HeldOutShard heldOut(
            StructuralDataSettings s, TrainIndex index, int shard, RowSink valSink, RowSink genSink) {
        DyckAutomaton automaton = automaton(s);
        SplittableRandom rng = new SplittableRandom(Hashing.seed(s.seed(), HELD_OUT, shard));
        long valQuota = quota(s.valRows(), shard, s.evalShards());
        long genQuota = quota(s.genRows(), shard, s.evalShards());
        long maxDraws = 1000 * (valQuota + genQuota) + 100_000;
        SplitStats val = new SplitStats();
        SplitStats gen = new SplitStats();
        long draws = 0;
        try {
            while (val.rows < valQuota || gen.rows < genQuota) {
                if (++draws > maxDraws) {
                    throw new IllegalStateException(tooRare(s, shard, draws - 1, val, valQuota, gen, genQuota));
                }
                int[] symbols = automaton.draw(rng);
                TrainIndex.Fate fate = index.fate(symbols, s.types());
                boolean toVal = fate == TrainIndex.Fate.VAL && val.rows < valQuota;
                boolean toGen = fate == TrainIndex.Fate.GEN && gen.rows < genQuota;
                if (toVal || toGen) {
                    StructuralRow row = row(symbols, s.types());
                    (toVal ? val : gen).add(row, DyckString.componentSkeletons(symbols, s.types()));
                    (toVal ? valSink : genSink).accept(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        val.draws = draws;
        return new HeldOutShard(val.finish(), gen.finish());
    }

    private static DyckAutomaton automaton(StructuralDataSettings s) {
        return new DyckAutomaton(s.types(), s.maxDepth(), s.minLength());
    }

    private static StructuralRow row(int[] symbols, int types) {
        return new StructuralRow(
                DyckString.text(symbols, types), symbols.length, DyckString.maxDepth(symbols, types), null, null);
    }

    private static String tooRare(
            StructuralDataSettings s,
            int shard,
            long draws,
            SplitStats val,
            long valQuota,
            SplitStats gen,
            long genQuota) {
        String which = gen.rows < genQuota
                ? "strings with a component skeleton unseen in training are too rare: lower train.rows, or raise"
                        + " dyck.max-depth or dyck.min-length"
                : "strings whose skeletons were all seen in training are too rare: raise train.rows";
        return String.format(
                java.util.Locale.ROOT,
                "Dyck-(%d, %d) held-out shard %d: after %,d draws only %,d of %,d val and %,d of %,d gen strings: %s",
                s.types(),
                s.maxDepth(),
                shard,
                draws,
                val.rows,
                valQuota,
                gen.rows,
                genQuota,
                which);
    }
}

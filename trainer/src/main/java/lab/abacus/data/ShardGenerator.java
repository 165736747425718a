package lab.abacus.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import lab.abacus.hash.Hashing;
import lab.abacus.task.BitwiseOrGenerator;
import lab.abacus.task.Problem;
import lab.abacus.task.ProblemGenerator;

/**
 * Generates the rows of one logical shard (see {@link DatasetPlan}) into a {@link RowSink}, and the statistics the
 * manifest needs. Every random stream is seeded from (seed, split, shard) or (seed, split, cell), never from a
 * Spark partition, so the rows do not depend on how shards are spread over executors.
 */
public final class ShardGenerator {

    static final int TRAIN = 1;
    static final int EVAL = 2;
    static final int TRAIN_CELL = 3;
    /** Redraws per row before giving up on excluding eval problems (cannot happen under the half-space rule). */
    static final int MAX_REDRAWS = 10_000;

    /** Receives rows; {@code sample} is the index in its eval cell, -1 for train rows. */
    public interface RowSink {
        void accept(Problem p, int sample) throws IOException;
    }

    /** Per-shard results: row count, per-cell counts (indexed like the plan's cells of that split), hashes, lengths. */
    public static final class Stats implements java.io.Serializable {
        public long rows;
        public long[] cellCounts;
        public long contentHash = Hashing.SEED;
        public int maxSequenceLength;
        public long redraws;

        Stats(int cells) {
            cellCounts = new long[cells];
        }

        void add(Problem p, int cell) {
            rows++;
            cellCounts[cell]++;
            contentHash = Hashing.mix(contentHash * 31 + p.rowHash());
            maxSequenceLength = Math.max(maxSequenceLength, p.sequenceLength());
        }
    }

    private ShardGenerator() {}

    /** Generate training shard {@code shard}. */
    public static Stats train(DatasetPlan plan, Exclusions exclusions, int shard, RowSink sink) {
        DataSettings s = plan.settings();
        ProblemGenerator gen = plan.task().newGenerator(s.labelSet());
        Problem p = new Problem();
        Stats stats = new Stats(plan.trainCells());
        try {
            if (plan.task().sampledWithReplacement()) {
                SplittableRandom rng = new SplittableRandom(Hashing.seed(s.seed(), TRAIN, shard));
                int cells = plan.trainCells();
                long from = plan.rowRangeStart(shard);
                long to = plan.rowRangeStart(shard + 1);
                int cell = (int) (from % cells);
                for (long r = from; r < to; r++) {
                    int a = plan.trainLenA(cell);
                    int b = plan.trainLenB(cell);
                    gen.generate(a, b, rng, p);
                    long[] excluded = exclusions.excludedHashes(cell);
                    if (excluded != null) {
                        int tries = 0;
                        while (Arrays.binarySearch(excluded, p.promptHash()) >= 0) {
                            if (++tries > MAX_REDRAWS) {
                                throw new IllegalStateException(
                                        "cannot avoid eval problems in train cell " + a + "x" + b);
                            }
                            stats.redraws++;
                            gen.generate(a, b, rng, p);
                        }
                    }
                    stats.add(p, cell);
                    sink.accept(p, -1);
                    if (++cell == cells) {
                        cell = 0;
                    }
                }
            } else {
                for (int cell = shard; cell < plan.trainCells(); cell += plan.trainShards()) {
                    SplittableRandom rng = new SplittableRandom(
                            Hashing.seed(s.seed(), TRAIN_CELL, plan.trainLenA(cell), plan.trainLenB(cell)));
                    long[] excluded = exclusions.excludedHashes(cell);
                    int c = cell;
                    enumerateWithoutReplacement(
                            plan.trainLenA(cell),
                            plan.trainLenB(cell),
                            plan.trainQuota(cell),
                            excluded,
                            rng,
                            p,
                            (problem, sample) -> {
                                stats.add(problem, c);
                                sink.accept(problem, -1);
                            });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stats;
    }

    /** Generate eval shard {@code shard}: every eval cell assigned to it, whole. */
    public static Stats eval(DatasetPlan plan, int shard, RowSink sink) {
        ProblemGenerator gen = plan.task().newGenerator(plan.settings().labelSet());
        Problem p = new Problem();
        Stats stats = new Stats(plan.evalCells());
        for (int cell = 0; cell < plan.evalCells(); cell++) {
            if (plan.evalShardOf(cell) != shard) {
                continue;
            }
            int c = cell;
            forEachEvalProblem(plan, cell, gen, p, (problem, sample) -> {
                stats.add(problem, c);
                sink.accept(problem, sample);
            });
        }
        return stats;
    }

    /** The problems of one eval cell, in sample order (also used to build {@link Exclusions}). */
    public static void forEachEvalProblem(DatasetPlan plan, int cell, ProblemGenerator gen, Problem p, RowSink sink) {
        int a = plan.evalLenA(cell);
        int b = plan.evalLenB(cell);
        SplittableRandom rng = new SplittableRandom(Hashing.seed(plan.settings().seed(), EVAL, a, b));
        try {
            if (plan.task().sampledWithReplacement()) {
                for (int i = 0; i < plan.evalQuota(cell); i++) {
                    gen.generate(a, b, rng, p);
                    sink.accept(p, i);
                }
            } else {
                enumerateWithoutReplacement(a, b, plan.evalQuota(cell), null, rng, p, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bitwise OR: a random order of the cell's enumeration (partial Fisher–Yates), skipping excluded prompts, until
     * {@code quota} rows. Equal lengths flip a coin per problem for which operand is the one-hot one.
     */
    private static void enumerateWithoutReplacement(
            int a, int b, long quota, long[] excluded, SplittableRandom rng, Problem p, RowSink sink)
            throws IOException {
        int n = BitwiseOrGenerator.cellSize(a, b);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int written = 0;
        for (int i = 0; i < n && written < quota; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            BitwiseOrGenerator.write(a, b, idx[i], a == b && rng.nextBoolean(), p);
            if (excluded != null && Arrays.binarySearch(excluded, p.promptHash()) >= 0) {
                continue;
            }
            sink.accept(p, written++);
        }
    }
}

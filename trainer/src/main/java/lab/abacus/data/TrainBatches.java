package lab.abacus.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lab.abacus.hash.Hashing;
import lab.abacus.task.Vocabulary;

/**
 * The training stream of a dataset's {@code train} split: every row encoded once (prompt + answer + EOS), then
 * served in microbatches in a per-epoch shuffled order.
 *
 * <p>Padding: every row is right-padded with PAD to the longest row of the whole split, as the reference does
 * (abacus-reference §1.2, 64 tokens for 20×20 addition). One fixed shape keeps the step cost constant and
 * predictable; the causal model never attends to trailing PADs when predicting answer tokens, so nothing is lost
 * but the (small, for bucketed data) compute on the padding. Splits whose lengths have a long tail (the structural
 * tasks: a Dyck string can be 30 times the mean) pad each microbatch to its own longest row instead
 * ({@link Padding#BATCH}), as Murty et al.'s collator does; the losses are the same, the compute is not.
 *
 * <p>Order: epoch e visits rows in a permutation drawn from (seed, e) alone; microbatches take consecutive slices of
 * it, and a slice that would run past the end starts the next epoch instead (drop-last, like the reference's
 * sampler). The stream position is a {@link DataPosition} (epoch, offset), so checkpoints restore it exactly.
 *
 * <p>Memory: one byte per token (ids &lt; 128 in every vocabulary), in chunks, so large splits fit.
 */
public final class TrainBatches {

    private static final int CHUNK_ROWS = 1 << 16;

    /** How far rows are padded: to the split's longest row, or to the microbatch's. */
    public enum Padding {
        SPLIT,
        BATCH
    }

    private final long seed;
    private final int rows;
    private final int seqLen;
    private final int maxLenA;
    private final int maxLenB;
    private final List<byte[]> chunks;
    /** Index of the first answer token in each row = prompt length. */
    private final short[] answerStart;
    /** Tokens of each row, EOS included (null: {@link Padding#SPLIT}, every batch is {@code seqLen} wide). */
    private final short[] rowLength;

    private long epoch;
    private long offset;
    private int[] permutation;
    private long permutationEpoch = -1;

    private TrainBatches(
            long seed,
            int rows,
            int seqLen,
            int maxLenA,
            int maxLenB,
            List<byte[]> chunks,
            short[] answerStart,
            short[] rowLength) {
        this.seed = seed;
        this.rows = rows;
        this.seqLen = seqLen;
        this.maxLenA = maxLenA;
        this.maxLenB = maxLenB;
        this.chunks = chunks;
        this.answerStart = answerStart;
        this.rowLength = rowLength;
    }

    /** Read and encode the {@code train} split of {@code dataset}. */
    public static TrainBatches load(SplitReader dataset, Vocabulary vocab, long seed) {
        List<int[]> encoded = new ArrayList<>();
        List<Integer> promptLengths = new ArrayList<>();
        int[] max = new int[3];
        dataset.forEach("train", ex -> {
            String prompt = ex.prompt();
            if (prompt.isEmpty()
                    || prompt.charAt(prompt.length() - 1) != '='
                    || prompt.indexOf('=') != prompt.length() - 1) {
                throw new IllegalStateException(
                        dataset.dir() + "/train: prompt must end with its only '=' but is '" + prompt + "'");
            }
            int[] ids = vocab.encodeExample(prompt, ex.answer());
            encoded.add(ids);
            promptLengths.add(prompt.length());
            max[0] = Math.max(max[0], ids.length);
            max[1] = Math.max(max[1], ex.lenA());
            max[2] = Math.max(max[2], ex.lenB());
        });
        return fromEncoded(encoded, promptLengths, max[0], max[1], max[2], seed);
    }

    /** Build from already encoded rows (ids with EOS, and each row's prompt length), padded to the split's longest. */
    public static TrainBatches fromEncoded(
            List<int[]> encoded, List<Integer> promptLengths, int seqLen, int maxLenA, int maxLenB, long seed) {
        return fromEncoded(encoded, promptLengths, seqLen, maxLenA, maxLenB, seed, Padding.SPLIT);
    }

    /** Build from already encoded rows (ids with EOS, and each row's prompt length). */
    public static TrainBatches fromEncoded(
            List<int[]> encoded,
            List<Integer> promptLengths,
            int seqLen,
            int maxLenA,
            int maxLenB,
            long seed,
            Padding padding) {
        int n = encoded.size();
        if (n == 0) {
            throw new IllegalStateException("the train split has no rows");
        }
        if (seqLen > Short.MAX_VALUE) {
            throw new IllegalStateException("rows of " + seqLen + " tokens are longer than supported");
        }
        List<byte[]> chunks = new ArrayList<>();
        short[] starts = new short[n];
        short[] lengths = padding == Padding.BATCH ? new short[n] : null;
        for (int i = 0; i < n; i++) {
            int c = i / CHUNK_ROWS;
            if (c == chunks.size()) {
                chunks.add(new byte[Math.min(CHUNK_ROWS, n - c * CHUNK_ROWS) * seqLen]);
            }
            byte[] chunk = chunks.get(c);
            int base = (i % CHUNK_ROWS) * seqLen;
            int[] ids = encoded.get(i);
            for (int t = 0; t < ids.length; t++) {
                chunk[base + t] = (byte) ids[t];
            }
            starts[i] = (short) (int) promptLengths.get(i);
            if (lengths != null) {
                lengths[i] = (short) ids.length;
            }
        }
        return new TrainBatches(seed, n, seqLen, maxLenA, maxLenB, chunks, starts, lengths);
    }

    public int rows() {
        return rows;
    }

    /** The longest row of the split: the padded length of every batch ({@link Padding#SPLIT}) or the most. */
    public int seqLen() {
        return seqLen;
    }

    /** Longest first operand (addition: digits of A; sorting: max digits) in the training data. */
    public int maxLenA() {
        return maxLenA;
    }

    /** Longest second operand (addition: digits of B; sorting: array length) in the training data. */
    public int maxLenB() {
        return maxLenB;
    }

    public DataPosition position() {
        return new DataPosition(epoch, offset);
    }

    public void seek(DataPosition p) {
        if (p.offset() < 0 || p.offset() > rows || p.epoch() < 0) {
            throw new IllegalArgumentException("data position " + p + " is outside a split of " + rows + " rows");
        }
        this.epoch = p.epoch();
        this.offset = p.offset();
    }

    /** The next microbatch of {@code size} rows; advances the position. */
    public TrainBatch next(int size) {
        if (size > rows) {
            throw new IllegalStateException(
                    "batch size " + size + " is larger than the train split (" + rows + " rows)");
        }
        if (offset + size > rows) {
            epoch++;
            offset = 0;
        }
        int[] perm = permutation(epoch);
        int width = batchLength(perm, size);
        int[] tokens = new int[size * width];
        int[] targets = new int[size * width];
        float[] mask = new float[size * width];
        int count = 0;
        for (int r = 0; r < size; r++) {
            int row = perm[(int) (offset + r)];
            byte[] chunk = chunks.get(row / CHUNK_ROWS);
            int src = (row % CHUNK_ROWS) * seqLen;
            int dst = r * width;
            for (int t = 0; t < width; t++) {
                tokens[dst + t] = chunk[src + t];
            }
            int firstTarget = answerStart[row] - 1; // position of '=': it predicts the first answer token
            for (int t = 0; t < width - 1; t++) {
                int next = chunk[src + t + 1];
                targets[dst + t] = next;
                if (t >= firstTarget && next != Vocabulary.PAD) {
                    mask[dst + t] = 1f;
                    count++;
                }
            }
            targets[dst + width - 1] = Vocabulary.PAD;
        }
        offset += size;
        return new TrainBatch(size, width, tokens, targets, mask, count);
    }

    /** Width of the next batch: the split's longest row, or the longest of the batch's rows. */
    private int batchLength(int[] perm, int size) {
        if (rowLength == null) {
            return seqLen;
        }
        int longest = 1;
        for (int r = 0; r < size; r++) {
            longest = Math.max(longest, rowLength[perm[(int) (offset + r)]]);
        }
        return longest;
    }

    /** Row order of {@code epoch}: a Fisher–Yates shuffle seeded by (seed, epoch) only. */
    private int[] permutation(long e) {
        if (permutationEpoch != e) {
            int[] p = new int[rows];
            for (int i = 0; i < rows; i++) {
                p[i] = i;
            }
            SplittableRandom rnd = new SplittableRandom(Hashing.runSeed(seed, 0x5eed_da7aL, e));
            for (int i = rows - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            permutationEpoch = e;
        }
        return permutation;
    }
}

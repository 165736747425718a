package lab.abacus.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.KvCache;
import lab.abacus.model.LanguageModel;
import lab.abacus.task.Vocabulary;

/**
 * Batched greedy decoding of equal-length prompts in evaluation mode (Abacus offset 0) as an {@link EvalVariant}
 * says: the recurrences to run and whether to draw the initial-state noise. Two methods with identical outputs
 * when the variant draws no noise:
 * <ul>
 *   <li>{@link Method#KV_CACHE}: the prompt once, then one token per step against cached keys/values;</li>
 *   <li>{@link Method#RECOMPUTE}: the whole prefix re-run for every new token, as the reference does.</li>
 * </ul>
 * Decoding stops when every row has produced EOS (if {@code stopAtEos}) or after {@code maxNewTokens}.
 */
public final class GreedyDecoder {

    /** How each new token is computed. */
    public enum Method {
        KV_CACHE,
        RECOMPUTE
    }

    private final LanguageModel model;
    private final EvalVariant variant;
    private final NDManager parent;

    /** A decoder of the model as it was trained ({@link EvalVariant#asTrained}). */
    public GreedyDecoder(LanguageModel model) {
        this(model, EvalVariant.asTrained(model.settings()));
    }

    /** A decoder whose per-step arrays live in sub-managers of the model's parent manager. */
    public GreedyDecoder(LanguageModel model, EvalVariant variant) {
        this.model = model;
        this.variant = variant;
        this.parent = model.manager().getParentManager();
    }

    /** KV-cache decoding, stopping at EOS. See {@link #decode(int[][], int, Method, boolean)}. */
    public int[][] decode(int[][] prompts, int maxNewTokens) {
        return decode(prompts, maxNewTokens, Method.KV_CACHE, true);
    }

    /**
     * @param prompts      [B][P] token ids, all rows the same length (e.g. {@code A+B=} reversed, no EOS)
     * @param maxNewTokens most tokens to generate per row
     * @param stopAtEos    stop once every row has produced EOS (false: always generate maxNewTokens, as the
     *                     reference generates exactly the answer width)
     * @return per row: with {@code stopAtEos}, the generated tokens up to and including its first EOS (all of
     *         them if none); without, all {@code maxNewTokens} tokens
     */
    public int[][] decode(int[][] prompts, int maxNewTokens, Method method, boolean stopAtEos) {
        int batch = prompts.length;
        int p = prompts[0].length;
        for (int[] row : prompts) {
            if (row.length != p) {
                throw new IllegalArgumentException("prompts of one batch must have equal length (group them with "
                        + "PromptBatches.byLength): " + p + " vs " + row.length);
            }
        }
        int[][] out = new int[batch][maxNewTokens];
        int[] firstEos = new int[batch];
        Arrays.fill(firstEos, -1);
        int produced = 0;
        try (KvCache cache = method == Method.KV_CACHE ? model.newCache(batch, variant) : null) {
            int[][] sequence = prompts; // recompute: the growing prefix
            int[][] feed = prompts; // KV cache: the tokens not yet seen
            while (produced < maxNewTokens) {
                int[] next;
                try (NDManager step = parent.newSubManager()) {
                    NDArray logits = method == Method.KV_CACHE
                            ? model.forwardLast(tensor(step, feed), cache)
                            : model.forwardLast(tensor(step, sequence), ForwardPass.eval(variant));
                    next = argMax(logits); // [B]
                }
                boolean allDone = true;
                for (int b = 0; b < batch; b++) {
                    out[b][produced] = next[b];
                    if (firstEos[b] < 0 && next[b] == Vocabulary.EOS) {
                        firstEos[b] = produced;
                    }
                    allDone &= firstEos[b] >= 0;
                }
                produced++;
                if (stopAtEos && allDone) {
                    break;
                }
                feed = column(next);
                if (method == Method.RECOMPUTE) {
                    sequence = append(sequence, next);
                }
            }
        }
        int[][] result = new int[batch][];
        for (int b = 0; b < batch; b++) {
            result[b] = Arrays.copyOf(out[b], stopAtEos && firstEos[b] >= 0 ? firstEos[b] + 1 : produced);
        }
        return result;
    }

    private static NDArray tensor(NDManager m, int[][] rows) {
        int s = rows[0].length;
        int[] flat = new int[rows.length * s];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * s, s);
        }
        return m.create(flat, new Shape(rows.length, s));
    }

    private static int[] argMax(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
    }

    private static int[][] column(int[] next) {
        int[][] c = new int[next.length][1];
        for (int b = 0; b < next.length; b++) {
            c[b][0] = next[b];
        }
        return c;
    }

    private static int[][] append(int[][] rows, int[] next) {
        int[][] longer = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            longer[b] = Arrays.copyOf(rows[b], rows[b].length + 1);
            longer[b][rows[b].length] = next[b];
        }
        return longer;
    }
}

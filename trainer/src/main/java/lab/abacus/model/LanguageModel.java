package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The decoder-only language model of the Abacus study: one object per run, owning its parameters.
 *
 * <pre>
 *   tokens [B,S] int ─► token emb + positional (learned | Abacus | none) ─► LayerNorm ─► e [B,S,H]
 *   h = noise(0.02) or 0; for r in 1..R: (inject h += e per architecture) → L layers
 *   h ─► head GLU FFN (no residual) ─► LayerNorm ─► adapter ─► vocab projection ─► logits [B,S,V]
 * </pre>
 *
 * <p>Memory: every intermediate of a forward call, logits included, belongs to the manager of the
 * {@code tokens} array. Create tokens in a per-step sub-manager (or NDScope) and close it after the step
 * (platform-notes rule 2). Parameters live in a sub-manager of the manager given to {@link #create}.
 *
 * <p>Gradients: parameters are ordinary DJL {@link Parameter}s ({@link #parameters()}); wrap the forward in
 * a {@code GradientCollector}. FIRE's L₀ is a frozen parameter ({@code requiresGradient() == false}):
 * counted, saved, never updated.
 */
public final class LanguageModel implements AutoCloseable {

    private LanguageModel() {
    }

    /**
     * Builds the model and initializes its parameters (deepnorm-straight, abacus-reference §4.3) from the
     * engine RNG: call {@code Engine.getInstance().setRandomSeed(seed)} first for a reproducible init.
     *
     * @param vocabSize 19 for the pad tokenizer, 118 for sort ({@code Vocabulary.size()})
     * @param manager   parent manager; its device is the model's device
     */
    public static LanguageModel create(ModelSettings settings, int vocabSize, NDManager manager) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Parameter count of a model, computed from parameter shapes without allocating anything. */
    public static long countParameters(ModelSettings settings, int vocabSize) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Number of scalar parameters (frozen FIRE L₀ included, as the reference counts it). */
    public long parameterCount() {
        throw new UnsupportedOperationException("in progress");
    }

    public ModelSettings settings() {
        throw new UnsupportedOperationException("in progress");
    }

    public int vocabSize() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The root DJL block (for inspection; use the typed methods here to run it). */
    public Block block() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Every parameter by its unique hierarchical name (stable across builds of the same settings). */
    public PairList<String, Parameter> parameters() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Whether AdamW weight decay applies to the named parameter: false for LayerNorm weights/biases and
     * biases (reference: no decay on names containing bias / norm), true for linear weights and embeddings.
     */
    public static boolean decays(String parameterName) {
        String n = parameterName.toLowerCase(java.util.Locale.ROOT);
        return !(n.contains("norm") || n.contains("bias"));
    }

    /**
     * Full-sequence forward.
     *
     * @param tokens [B,S] int32 token ids (right-padded with PAD); its manager owns the result
     * @param pass   training or eval, Abacus offset k, recurrence split
     * @return logits [B,S,V] float32: position t predicts token t+1
     * @throws IllegalArgumentException if an Abacus index (k + digit position) or a learned position does
     *                                  not fit its table
     */
    public NDArray forward(NDArray tokens, ForwardPass pass) {
        throw new UnsupportedOperationException("in progress");
    }

    /** An empty KV cache for incremental evaluation-mode decoding of {@code batch} rows. */
    public KvCache newCache(int batch) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Evaluation-mode forward over new tokens only, attending to (and extending) {@code cache}; positions,
     * Abacus digit runs and FIRE/RoPE offsets continue from the cache. Equals the matching slice of
     * {@link #forward}{@code (allTokens, ForwardPass.eval(r))} when eval noise is off.
     *
     * @param tokens [B,s] int32 new tokens (s ≥ 1: the prompt first, then one token per step)
     * @return logits [B,s,V]
     */
    public NDArray forward(NDArray tokens, KvCache cache) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Writes every parameter (names, shapes, values) to {@code out}; does not close it. */
    public void save(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Replaces every parameter's value by the one read from {@code in} (written by {@link #save} of a model
     * with the same settings and vocabulary); does not close it.
     *
     * @throws IOException on a malformed stream or a name/shape mismatch
     */
    public void load(InputStream in) throws IOException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("in progress");
    }
}

package lab.abacus.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

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

    /** Parameters, activations, gradients and optimizer state: float32 throughout (the reference: AMP float16). */
    public static final String PRECISION = "float32";

    private static final int FORMAT_MAGIC = 0xABAC0001;

    private final ModelSettings settings;
    private final int vocabSize;
    private final Transformer network;
    private final NDManager manager;

    private LanguageModel(ModelSettings settings, int vocabSize, Transformer network, NDManager manager) {
        this.settings = settings;
        this.vocabSize = vocabSize;
        this.network = network;
        this.manager = manager;
    }

    /**
     * Builds the model and initializes its parameters (deepnorm-straight, abacus-reference §4.3) from the
     * engine RNG: call {@code Engine.getInstance().setRandomSeed(seed)} first for a reproducible init.
     *
     * @param vocabSize 19 for the pad tokenizer, 118 for sort ({@code Vocabulary.size()})
     * @param manager   parent manager; its device is the model's device
     */
    public static LanguageModel create(ModelSettings settings, int vocabSize, NDManager manager) {
        Transformer network = new Transformer(settings, vocabSize);
        NDManager params = manager.newSubManager();
        params.setName("abacus-model-parameters");
        for (Pair<String, Parameter> p : network.getParameters()) {
            p.getValue().initialize(params, DataType.FLOAT32);
        }
        return new LanguageModel(settings, vocabSize, network, params);
    }

    /** Parameter count of a model, computed from parameter shapes without allocating anything. */
    public static long countParameters(ModelSettings settings, int vocabSize) {
        return count(new Transformer(settings, vocabSize));
    }

    private static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getShape().size();
        }
        return n;
    }

    /** Number of scalar parameters (frozen FIRE L₀ included, as the reference counts it). */
    public long parameterCount() {
        return count(network);
    }

    public ModelSettings settings() {
        return settings;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The manager holding the parameters (a sub-manager of the one given to {@link #create}). */
    public NDManager manager() {
        return manager;
    }

    /** The root DJL block (for inspection; use the typed methods here to run it). */
    public Block block() {
        return network;
    }

    /** Every parameter by its unique hierarchical name (stable across builds of the same settings). */
    public PairList<String, Parameter> parameters() {
        return network.getParameters();
    }

    /**
     * Whether AdamW weight decay applies to the named parameter: false for LayerNorm weights/biases and
     * biases (reference: no decay on names containing bias / norm), true for linear weights and embeddings.
     */
    public static boolean decays(String parameterName) {
        String n = parameterName.toLowerCase(Locale.ROOT);
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
        return network.head(network.hidden(tokens, rows(tokens), pass, null));
    }

    /** Like {@link #forward(NDArray, ForwardPass)} but only the last position's logits [B,V] (decoding). */
    public NDArray forwardLast(NDArray tokens, ForwardPass pass) {
        return network.head(Transformer.last(network.hidden(tokens, rows(tokens), pass, null)));
    }

    /**
     * The attention of an evaluation-mode forward, for introspection (structural-grokking §3.2): per layer call (L·R
     * of them, in order; each layer reads the previous layer's output, unlike the released code's helper), the
     * probabilities averaged over heads, [B,S,S] row-major, each row a distribution over the causal prefix.
     */
    public java.util.List<float[]> attention(NDArray tokens) {
        java.util.List<NDArray> probe = new java.util.ArrayList<>();
        network.hidden(tokens, rows(tokens), ForwardPass.eval(EvalVariant.asTrained(settings)), null, probe, null);
        return probe.stream().map(NDArray::toFloatArray).toList();
    }

    /**
     * Last-layer hidden states [B,S,H] (row-major, on the host) of an evaluation-mode forward in which row b attends,
     * at every layer, only to the keys {@code visible[b]} marks, causally: the span-restricted reading of tree
     * projections (structural-grokking §3.3). Every row must see at least its first key.
     */
    public float[] hiddenStates(NDArray tokens, boolean[][] visible) {
        return network.hidden(
                        tokens, rows(tokens), ForwardPass.eval(EvalVariant.asTrained(settings)), null, null, visible)
                .toFloatArray();
    }

    /** An empty KV cache for incremental evaluation-mode decoding of {@code batch} rows. */
    public KvCache newCache(int batch, EvalVariant variant) {
        return new KvCache(manager.getParentManager(), batch, variant, settings.layers());
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
        return network.head(network.hidden(tokens, rows(tokens), ForwardPass.eval(cache.variant()), cache));
    }

    /** Like {@link #forward(NDArray, KvCache)} but only the last position's logits [B,V]. */
    public NDArray forwardLast(NDArray tokens, KvCache cache) {
        return network.head(
                Transformer.last(network.hidden(tokens, rows(tokens), ForwardPass.eval(cache.variant()), cache)));
    }

    /** Writes every parameter (names, shapes, values) to {@code out}; does not close it. */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        PairList<String, Parameter> all = parameters();
        data.writeInt(FORMAT_MAGIC);
        data.writeInt(all.size());
        for (Pair<String, Parameter> p : all) {
            data.writeUTF(p.getKey());
            p.getValue().save(data);
        }
        data.flush();
    }

    /**
     * Replaces every parameter's value by the one read from {@code in} (written by {@link #save} of a model
     * with the same settings and vocabulary); does not close it.
     *
     * @throws IOException on a malformed stream or a name/shape mismatch
     */
    public void load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        PairList<String, Parameter> all = parameters();
        if (data.readInt() != FORMAT_MAGIC) {
            throw new IOException("not an Abacus model parameter stream");
        }
        int n = data.readInt();
        if (n != all.size()) {
            throw new IOException("parameter stream has " + n + " parameters, this model " + all.size()
                    + ": settings or vocabulary differ");
        }
        for (Pair<String, Parameter> p : all) {
            String name = data.readUTF();
            if (!name.equals(p.getKey())) {
                throw new IOException("parameter stream has " + name + " where this model has " + p.getKey());
            }
            Parameter param = p.getValue();
            Shape expected = param.getShape();
            NDArray old = param.getArray();
            try {
                param.load(manager, data);
            } catch (MalformedModelException e) {
                throw new IOException("parameter " + name + ": " + e.getMessage(), e);
            }
            if (!param.getShape().equals(expected)) {
                throw new IOException(
                        "parameter " + name + " has shape " + param.getShape() + ", expected " + expected);
            }
            if (!finite(param.getArray())) {
                throw new IOException("parameter " + name + " holds NaN or infinite values");
            }
            old.close();
            param.initialize(manager, DataType.FLOAT32); // sets requires-gradient on the loaded array
        }
    }

    /** Whether every value of {@code a} is finite (one NaN makes the largest magnitude NaN). */
    private static boolean finite(NDArray a) {
        try (NDScope scope = new NDScope()) {
            return a.isEmpty() || Float.isFinite(a.abs().max().getFloat());
        }
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    /** The token ids on the host, [B][S]. */
    private static int[][] rows(NDArray tokens) {
        Shape shape = tokens.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("tokens must be [B,S], got " + shape);
        }
        int b = (int) shape.get(0);
        int s = (int) shape.get(1);
        int[] flat = tokens.getDataType() == DataType.INT32
                ? tokens.toIntArray()
                : tokens.toType(DataType.INT32, false).toIntArray();
        int[][] rows = new int[b][s];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * s, rows[i], 0, s);
        }
        return rows;
    }
}

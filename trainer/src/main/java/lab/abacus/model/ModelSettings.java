package lab.abacus.model;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.Settings;

/**
 * The {@code abacus.model} section: architecture and positional scheme. Defaults (reference.conf) are the
 * reference's paper size with the Abacus embedding and input injection (16×1 "FF w/ II Abacus", 122.3M
 * parameters); the quickstart sweeps override to tiny sizes.
 *
 * @param hidden                 residual width (reference 1024)
 * @param intermediate           first FFN projection width; the GLU halves it (reference 2048 → 1024)
 * @param heads                  attention heads; hidden/heads is the head dimension (reference 16, dim 64)
 * @param layers                 L: layers in the (recurrent) block
 * @param recurrence             R: times the block runs (1 unless {@code architecture = looped})
 * @param architecture           standard, input-injection (embedding added before every layer) or looped
 * @param embedding              positional scheme
 * @param abacusMaxK             largest training offset k, drawn from {0..max-k} (reference 100)
 * @param abacusTableSize        rows of the Abacus table (reference 512 = data.seq_length)
 * @param learnedPositions       rows of the learned absolute position table (reference 512)
 * @param fireL0                 FIRE's frozen L₀ (reference 512)
 * @param fireRandomizedLength   randomized FIRE: positions drawn from {0..M−1} in training when S ≤ M
 * @param fireRandomizedDraw     randomized FIRE: a draw per layer call (reference) or one per forward call
 * @param ropeBase               RoPE frequency base (reference 10000)
 * @param preNorm                deviation switch: pre-norm blocks instead of the reference's post-norm
 * @param randomInitialState     reference: hidden state starts as N(0, initial-state-std²) noise
 * @param initialStateStd        std of that noise (reference 0.02)
 * @param progressiveAlpha       progressive loss mix α (reference 1.0: random-depth pass only)
 * @param maxBackprop            B: most graded recurrences in a progressive pass; 0 means max(⌊R/2⌋, 1)
 * @param tokenScale             token embeddings times 1 or √hidden (Murty et al.'s "opennmt" scale)
 * @param embeddingNorm          LayerNorm over token + position (the reference); Murty's model has none
 * @param ffn                    the layers' feed-forward: GLU (reference) or ReLU with biases (Murty)
 * @param head                   what maps the last hidden state to logits: the reference's FFN, LayerNorm and
 *                               adapter before the projection, or the projection alone (Murty)
 * @param outputBias             a bias on the vocabulary projection (Murty's untied output layer has one)
 * @param tiedEmbedding          the vocabulary projection is the token embedding (Murty's paper; his code: not)
 * @param dropout                rate on attention probabilities, residual branches, the FFN hidden layer and the
 *                               input embedding, in training only (Murty 0.1; the reference 0)
 * @param init                   weight initialisation: deepnorm (reference) or Xavier-uniform (Murty)
 */
public record ModelSettings(
        int hidden,
        int intermediate,
        int heads,
        int layers,
        int recurrence,
        Architecture architecture,
        Embedding embedding,
        int abacusMaxK,
        int abacusTableSize,
        int learnedPositions,
        int fireL0,
        int fireRandomizedLength,
        FireDraw fireRandomizedDraw,
        double ropeBase,
        boolean preNorm,
        boolean randomInitialState,
        double initialStateStd,
        double progressiveAlpha,
        int maxBackprop,
        TokenScale tokenScale,
        boolean embeddingNorm,
        Ffn ffn,
        HeadType head,
        boolean outputBias,
        boolean tiedEmbedding,
        double dropout,
        InitScheme init) {

    /** LayerNorm epsilon everywhere (reference: 1e-12; DJL's default 1e-5 would be a silent deviation). */
    public static final float NORM_EPS = 1e-12f;

    /** How layers are stacked and where the embedding is injected (abacus-reference §4.3). */
    /** When randomized FIRE draws its positions in training. */
    public enum FireDraw {
        /** Each FIRE call (every layer, every recurrence) draws its own: the reference's FIRE module. */
        PER_LAYER_CALL,
        /** One draw per forward call, shared by every layer and recurrence (ablation). */
        PER_FORWARD
    }

    /** What token embeddings are multiplied by before positions are added. */
    public enum TokenScale {
        NONE,
        SQRT_HIDDEN
    }

    /** The feed-forward block of every layer. */
    public enum Ffn {
        /** value · GELU(gate), bias-free (the reference). */
        GLU,
        /** ReLU(x·W1 + b1)·W2 + b2 with dropout on the hidden layer (Csordás / Murty). */
        RELU
    }

    /** What maps the last hidden state to logits. */
    public enum HeadType {
        /** GLU FFN, LayerNorm, adapter, then the projection (the reference). */
        ABACUS,
        /** The projection alone (Murty's post-norm layers end with a LayerNorm already). */
        LINEAR
    }

    /** How weights are initialised. */
    public enum InitScheme {
        /** Deepnorm-straight, normal draws (abacus-reference §4.3). */
        DEEPNORM,
        /** Xavier-uniform everywhere, ReLU gain on the first FFN layer (Murty's code). */
        XAVIER_UNIFORM
    }

    public enum Architecture {
        /** L layers, embedding added once onto the initial state; requires R = 1. */
        STANDARD,
        /** L layers, embedding added before every layer ("FF w/ II"); requires R = 1. */
        INPUT_INJECTION,
        /** A block of L layers run R times sharing weights; embedding added before each recurrence. */
        LOOPED
    }

    /** Positional scheme (abacus-reference §3). */
    public enum Embedding {
        LEARNED,
        NOPE,
        ABACUS,
        FIRE,
        RANDOMIZED_FIRE,
        ROPE,
        ABACUS_FIRE,
        ABACUS_ROPE,
        SINUSOIDAL;

        /** Digit-position embedding added to the token embedding. */
        public boolean abacus() {
            return this == ABACUS || this == ABACUS_FIRE || this == ABACUS_ROPE;
        }

        /** FIRE attention bias (per layer, shared across recurrences). */
        public boolean fire() {
            return this == FIRE || this == RANDOMIZED_FIRE || this == ABACUS_FIRE;
        }

        /** Rotary embedding on q and k. */
        public boolean rope() {
            return this == ROPE || this == ABACUS_ROPE;
        }

        /** Fixed sinusoidal absolute positions added to the token embedding (Vaswani et al.; Murty). */
        public boolean sinusoidal() {
            return this == SINUSOIDAL;
        }
    }

    /** Reads and range-checks {@code abacus.model} of a loaded config (errors name file:line and key). */
    public static ModelSettings from(Config root) {
        Settings s = Settings.section(root, AbacusConfig.ROOT + ".model");
        int hidden = s.intIn("hidden", 2, 65536);
        int heads = s.intIn("heads", 1, 1024);
        s.require(hidden % heads == 0, "heads", "hidden (" + hidden + ") must be divisible by heads (" + heads + ")");
        int intermediate = s.intIn("intermediate", 2, 1 << 20);
        Ffn ffn = s.enumValue("ffn", Ffn.class);
        s.require(
                ffn != Ffn.GLU || intermediate % 2 == 0, "intermediate", "must be even (the GLU splits it in halves)");
        Embedding embedding = s.enumValue("embedding", Embedding.class);
        s.require(
                !embedding.rope() || (hidden / heads) % 2 == 0,
                "embedding",
                "RoPE needs an even head dimension but hidden/heads = " + hidden / heads);
        Architecture architecture = s.enumValue("architecture", Architecture.class);
        HeadType head = s.enumValue("head", HeadType.class);
        boolean tied = s.bool("tied-embedding");
        s.require(
                !tied || head == HeadType.LINEAR,
                "tied-embedding",
                "needs head = linear (the reference head ends in an adapter, not the embedding)");
        int recurrence = s.intIn("recurrence", 1, 4096);
        s.require(
                architecture == Architecture.LOOPED || recurrence == 1,
                "recurrence",
                "must be 1 unless architecture = looped (is " + recurrence + ")");
        return new ModelSettings(
                hidden,
                intermediate,
                heads,
                s.intIn("layers", 1, 4096),
                recurrence,
                architecture,
                embedding,
                s.intIn("abacus.max-k", 0, 1 << 20),
                s.intIn("abacus.table-size", 2, 1 << 24),
                s.intIn("learned-positions", 1, 1 << 24),
                s.intIn("fire.l0", 1, 1 << 24),
                s.intIn("fire.randomized-length", 1, 1 << 24),
                s.enumValue("fire.randomized-draw", FireDraw.class),
                s.doubleIn("rope-base", 1.0, 1e12),
                s.bool("pre-norm"),
                s.bool("random-initial-state"),
                s.doubleIn("initial-state-std", 0.0, 10.0),
                s.doubleIn("progressive.alpha", 0.0, 1.0),
                s.intIn("progressive.max-backprop", 0, 4096),
                s.enumValue("token-scale", TokenScale.class),
                s.bool("embedding-norm"),
                ffn,
                head,
                s.bool("output-bias"),
                tied,
                s.doubleIn("dropout", 0.0, 0.95),
                s.enumValue("init", InitScheme.class));
    }

    /**
     * Reference defaults with {@code model.*} overrides, e.g. {@code parse("hidden=64", "layers=2")}: handy in
     * tests and benchmarks. Keys are relative to {@code abacus.model}.
     */
    public static ModelSettings parse(String... overrides) {
        List<String> full = new ArrayList<>();
        for (String o : overrides) {
            full.add("model." + o);
        }
        return from(AbacusConfig.load(null, full));
    }

    /** Head dimension, hidden / heads. */
    public int headDim() {
        return hidden / heads;
    }

    /** Effective depth L·R. */
    public int effectiveDepth() {
        return layers * recurrence;
    }

    /** B: most graded recurrences in a progressive pass (reference: max(⌊R/2⌋, 1)). */
    public int maxBackpropOrDefault() {
        return maxBackprop == 0 ? Math.max(recurrence / 2, 1) : Math.min(maxBackprop, recurrence);
    }

    /** Deepnorm-straight gain (8·L·R)^(−1/4) for V, attention output and FFN weights. */
    public double deepnormGain() {
        return Math.pow(8.0 * effectiveDepth(), -0.25);
    }

    /** One line naming every setting: benchmarks print it so other implementations can match the model. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "hidden=%d intermediate=%d heads=%d layers=%d recurrence=%d architecture=%s embedding=%s "
                        + "abacus.max-k=%d abacus.table-size=%d learned-positions=%d fire.l0=%d "
                        + "fire.randomized-length=%d fire.randomized-draw=%s rope-base=%s pre-norm=%b random-initial-state=%b "
                        + "initial-state-std=%s progressive.alpha=%s "
                        + "progressive.max-backprop=%d token-scale=%s embedding-norm=%b ffn=%s head=%s output-bias=%b "
                        + "tied-embedding=%b dropout=%s init=%s",
                hidden,
                intermediate,
                heads,
                layers,
                recurrence,
                lower(architecture),
                lower(embedding),
                abacusMaxK,
                abacusTableSize,
                learnedPositions,
                fireL0,
                fireRandomizedLength,
                lower(fireRandomizedDraw),
                ropeBase,
                preNorm,
                randomInitialState,
                initialStateStd,
                progressiveAlpha,
                maxBackprop,
                lower(tokenScale),
                embeddingNorm,
                lower(ffn),
                lower(head),
                outputBias,
                tiedEmbedding,
                dropout,
                lower(init));
    }

    /** The scale of token embeddings: 1 or √hidden. */
    public double tokenScaleFactor() {
        return tokenScale == TokenScale.SQRT_HIDDEN ? Math.sqrt(hidden) : 1.0;
    }

    /** A setting value as the config spells it, e.g. {@code input-injection}. */
    public static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

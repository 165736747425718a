package lab.abacus.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import lab.abacus.task.Vocabulary;

/**
 * Test helpers: one intra-op and one inter-op thread (set before the engine loads, platform-notes rule 6),
 * a CPU manager, tiny settings, and a masked next-token loss like the trainer's.
 */
public final class TestEngine {

    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
    }

    private TestEngine() {}

    public static NDManager newManager(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        return NDManager.newBaseManager(Device.cpu());
    }

    public static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }

    /** A tiny config of the given scheme and architecture (looped: 2×2). */
    public static ModelSettings tiny(String embedding, String architecture, String... extra) {
        boolean looped = architecture.equals("looped");
        String[] base = {
            "hidden=32",
            "intermediate=64",
            "heads=4",
            "layers=2",
            "recurrence=" + (looped ? 2 : 1),
            "architecture=" + architecture,
            "embedding=" + embedding,
            "abacus.max-k=10",
            "abacus.table-size=64",
            "learned-positions=64",
            "fire.randomized-length=48"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return ModelSettings.parse(all);
    }

    /**
     * Murty et al.'s released model (structural-grokking §2.2) at tiny size unless {@code extra} says otherwise:
     * sinusoidal positions, √d token scale, no embedding norm, ReLU FFN, linear head with bias, Xavier-uniform init.
     */
    public static ModelSettings murty(String... extra) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(
                "hidden=32",
                "intermediate=64",
                "heads=4",
                "layers=2",
                "architecture=standard",
                "embedding=sinusoidal",
                "random-initial-state=false",
                "token-scale=sqrt-hidden",
                "embedding-norm=false",
                "ffn=relu",
                "head=linear",
                "output-bias=true",
                "init=xavier-uniform"));
        all.addAll(java.util.List.of(extra));
        return ModelSettings.parse(all.toArray(String[]::new));
    }

    /** Right-padded token rows of {@code prompt+answer+EOS} strings, [B,S] int32. */
    public static NDArray batch(NDManager m, String[][] examples) {
        int[][] rows = new int[examples.length][];
        int s = 0;
        for (int i = 0; i < examples.length; i++) {
            rows[i] = Vocabulary.PAD_TOKENIZER.encodeExample(examples[i][0], examples[i][1]);
            s = Math.max(s, rows[i].length);
        }
        int[] flat = new int[examples.length * s];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * s, rows[i].length);
        }
        return m.create(flat, new Shape(examples.length, s));
    }

    /**
     * A tiny Adam training loop on fixed examples (the trainer's loop is elsewhere): per step it seeds the
     * engine from (seed, step), draws k and the progressive split from a seeded Random, and returns the losses.
     */
    public static float[] train(LanguageModel model, String[][] examples, int steps, float lr, long seed) {
        ModelSettings s = model.settings();
        ai.djl.training.optimizer.Optimizer adam = ai.djl.training.optimizer.Optimizer.adam()
                .optLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(lr))
                .build();
        java.util.Random rng = new java.util.Random(seed);
        NDManager parent = model.manager().getParentManager();
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            seed(seed * 1_000_003L + step);
            ForwardPass pass = ForwardPass.drawProgressive(
                    rng, ForwardPass.drawAbacusOffset(rng, s.abacusMaxK()), s.recurrence(), s.maxBackpropOrDefault());
            try (NDManager m = parent.newSubManager()) {
                NDArray tokens = batch(m, examples);
                try (ai.djl.training.GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss(model.forward(tokens, pass), tokens);
                    gc.backward(l);
                    losses[step] = l.getFloat();
                }
            }
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.parameters()) {
                if (p.getValue().requiresGradient()) {
                    NDArray w = p.getValue().getArray();
                    try (NDArray g = w.getGradient()) {
                        adam.update(p.getValue().getId(), w, g);
                    }
                }
            }
        }
        return losses;
    }

    /** Mean cross-entropy over targets after '=' (answer + EOS), PAD never a target. */
    public static NDArray loss(NDArray logits, NDArray tokens) {
        NDManager m = tokens.getManager();
        long b = tokens.getShape().get(0);
        long s = tokens.getShape().get(1);
        int[] ids = tokens.toIntArray();
        float[] mask = new float[(int) (b * (s - 1))];
        int eq = Vocabulary.PAD_TOKENIZER.id('=');
        for (int i = 0; i < b; i++) {
            boolean after = false;
            for (int t = 0; t < s - 1; t++) {
                after |= ids[(int) (i * s + t)] == eq;
                int target = ids[(int) (i * s + t + 1)];
                mask[(int) (i * (s - 1) + t)] = after && target != Vocabulary.PAD ? 1f : 0f;
            }
        }
        NDArray maskArr = m.create(mask, new Shape(b, s - 1));
        NDArray targets = tokens.get(new NDIndex(":, 1:")).toType(DataType.INT64, false);
        NDArray logp = logits.get(new NDIndex(":, :-1, :")).logSoftmax(-1);
        NDArray picked =
                logp.mul(targets.oneHot((int) logits.getShape().get(2))).sum(new int[] {-1});
        return picked.mul(maskArr).sum().div(maskArr.sum()).neg();
    }
}

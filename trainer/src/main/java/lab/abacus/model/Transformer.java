package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The whole network (abacus-reference §4.2): embedder, a block of L layers run R times, head.
 * <pre>
 *   e = LN(scale · tok + pos)  (Murty: no LN; dropout)     [B,S,H]
 *   h = N(0, std²) noise, or nothing                      [B,S,H]
 *   for r < R: for l < L:
 *       if l == 0 or architecture = input-injection: h += e   (standard: R = 1, so once)
 *       h = layer_l(h)
 *       (after the first n recurrences: h = stop_gradient(h))
 *   logits = head(h)                                      [B,S,V]
 * </pre>
 */
final class Transformer extends Module {

    private final ModelSettings settings;
    private final Embedder embedder;
    private final Layer[] layers;
    private final Head head;

    Transformer(ModelSettings s, int vocabSize) {
        settings = s;
        embedder = child("embed", new Embedder(s, vocabSize));
        layers = new Layer[s.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = child(String.format("layer%02d", l), new Layer(s));
        }
        head = child("head", new Head(s, vocabSize, embedder.tokenTable()));
    }

    /**
     * Hidden states after the last recurrence.
     *
     * @param ids    [B,S] token ids; its manager owns every intermediate
     * @param rows   the ids on the host
     * @param cache  null for a full-sequence call, else the KV cache (eval only) to read and extend
     */
    NDArray hidden(NDArray ids, int[][] rows, ForwardPass pass, KvCache cache) {
        return hidden(ids, rows, pass, cache, null, null);
    }

    /**
     * {@link #hidden} for introspection: every attention call's head-averaged probabilities go to {@code probe}
     * (null: none), and row b attends only to the keys {@code visible[b]} marks (null: all), at every layer.
     */
    NDArray hidden(
            NDArray ids,
            int[][] rows,
            ForwardPass pass,
            KvCache cache,
            java.util.List<NDArray> probe,
            boolean[][] visible) {
        int batch = rows.length;
        int s = rows[0].length;
        if (settings.architecture() != ModelSettings.Architecture.LOOPED && pass.recurrences() != 1) {
            throw new IllegalArgumentException(ModelSettings.lower(settings.architecture())
                    + " models run exactly 1 recurrence, not " + pass.recurrences());
        }
        int offset = cache == null ? 0 : cache.length();
        Step step = new Step(ids.getManager(), pass.training(), batch, s, offset);
        step.attentionProbe = probe;
        if (visible != null) {
            step.restrictKeys(visible);
        }
        if (settings.embedding().fire()) {
            setFirePositions(step);
        }
        NDArray e =
                embedder.apply(step, ids, rows, offset, cache == null ? null : cache.digitRuns(), pass.abacusOffset());
        NDArray h = null;
        if (settings.randomInitialState() && pass.initialNoise()) {
            h = step.manager.randomNormal(
                    0f, (float) settings.initialStateStd(), new Shape(batch, s, settings.hidden()), DataType.FLOAT32);
        }
        boolean everyLayer = settings.architecture() == ModelSettings.Architecture.INPUT_INJECTION;
        for (int r = 0; r < pass.recurrences(); r++) {
            if (r == pass.noGradRecurrences() && r > 0) {
                h = h.stopGradient(); // the first n recurrences ran "without gradient"
            }
            for (int l = 0; l < layers.length; l++) {
                if (l == 0 || everyLayer) {
                    h = h == null ? e : h.add(e);
                }
                h = layers[l].apply(step, h, cache, r * layers.length + l);
            }
        }
        if (cache != null) {
            cache.advance(s);
        }
        return h;
    }

    /** [B,S,H] → [B,S,V]. */
    NDArray head(NDArray h) {
        return head.apply(h);
    }

    /** Hidden state [B,S,H] → last position [B,H]. */
    static NDArray last(NDArray h) {
        return h.get(new NDIndex(":, -1, :"));
    }

    /**
     * FIRE positions: 0..S−1 (queries from the cache offset). Randomized FIRE in training with S ≤ M draws a
     * sorted random subset of {0..M−1} from the engine RNG instead: in every layer call (the reference), or once
     * per forward call shared by all layers ({@code fire.randomized-draw = per-forward}).
     */
    private void setFirePositions(Step step) {
        boolean random = settings.embedding() == ModelSettings.Embedding.RANDOMIZED_FIRE
                && step.training
                && step.keys <= settings.fireRandomizedLength();
        if (random && settings.fireRandomizedDraw() == ModelSettings.FireDraw.PER_LAYER_CALL) {
            step.drawPositionsPerCall(() -> randomPositions(step));
        } else if (random) {
            NDArray[] drawn = randomPositions(step);
            step.setPositions(drawn[0], drawn[1]);
        } else {
            step.setPositions(
                    step.manager.arange((float) step.offset, (float) step.keys, 1f, DataType.FLOAT32),
                    step.manager.arange(0f, (float) step.keys, 1f, DataType.FLOAT32));
        }
    }

    /** One draw: key positions a sorted random subset of {0..M−1} [Sk], queries their last Sq [Sq]. */
    private NDArray[] randomPositions(Step step) {
        NDArray keys = step.manager
                .randomUniform(0f, 1f, new Shape(settings.fireRandomizedLength()), DataType.FLOAT32)
                .argSort()
                .get(new NDIndex(":" + step.keys))
                .sort()
                .toType(DataType.FLOAT32, false);
        return new NDArray[] {keys.get(new NDIndex(step.offset + ":")), keys};
    }
}

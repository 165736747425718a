package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one forward call shares across layers and recurrences: the manager that owns its arrays (the
 * tokens' manager), query/key positions, the causal mask, step-lived scalar constants (platform-notes rule 1:
 * never multiply a graph tensor by a Java number), and per-layer values that do not change across
 * recurrences (FIRE bias, RoPE tables).
 */
final class Step {

    final NDManager manager;
    final boolean training;
    final int batch;
    /** Query count (new tokens) and key count (cached + new). */
    final int queries;

    final int keys;
    /** Absolute position of the first query (the cache length; 0 without a cache). */
    final int offset;
    /** Scalar 1 in this step's manager, to bring a parameter-first product into the step's manager. */
    final NDArray one;

    private NDArray mask;
    private java.util.function.Supplier<NDArray[]> positionDraw; // per-layer-call randomized FIRE, else null
    private NDArray queryPositions; // [Sq] float
    private NDArray keyPositions; // [Sk] float
    private final Map<Object, NDArray> memo = new HashMap<>();
    /** When set, every attention call adds its head-averaged probabilities [B,Sq,Sk] here, in call order. */
    java.util.List<NDArray> attentionProbe;
    /** When set, added to every layer's scores: −1e9 at the keys a row may not see, [B,1,1,Sk]. */
    NDArray keyMask;

    /** The additive key mask of per-row visibility ({@code visible[b][k]}: row b may attend to key k). */
    void restrictKeys(boolean[][] visible) {
        float[] m = new float[batch * keys];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < keys; k++) {
                m[b * keys + k] = visible[b][k] ? 0f : -1e9f;
            }
        }
        keyMask = manager.create(m, new Shape(batch, 1, 1, keys));
    }

    Step(NDManager manager, boolean training, int batch, int queries, int offset) {
        this.manager = manager;
        this.training = training;
        this.batch = batch;
        this.queries = queries;
        this.offset = offset;
        this.keys = offset + queries;
        this.one = manager.ones(new Shape(1), DataType.FLOAT32);
    }

    void setPositions(NDArray queries, NDArray keys) {
        queryPositions = queries;
        keyPositions = keys;
    }

    /** Randomized FIRE drawing per layer call: every {@link #drawPositions()} is a new (queries, keys) draw. */
    void drawPositionsPerCall(java.util.function.Supplier<NDArray[]> draw) {
        positionDraw = draw;
    }

    /** A fresh (query [Sq], key [Sk]) position draw for one layer call, or null when positions are fixed. */
    NDArray[] drawPositions() {
        return positionDraw == null ? null : positionDraw.get();
    }

    /** Absolute (or randomized-FIRE) positions of the queries, [Sq] float. */
    NDArray queryPositions() {
        return queryPositions;
    }

    /** Positions of the keys, [Sk] float. */
    NDArray keyPositions() {
        return keyPositions;
    }

    /** A float scalar that lives for this step (shape [1], broadcasts). */
    NDArray scalar(float value) {
        return memo.computeIfAbsent("scalar:" + value, k -> manager.create(new float[] {value}));
    }

    /** Additive causal mask [Sq, Sk]: 0 where key j ≤ query position, −1e9 after it; null when nothing is masked. */
    NDArray causalMask() {
        if (queries == 1) {
            return null; // the one new token sees every cached key
        }
        if (mask == null) {
            float[] m = new float[queries * keys];
            for (int i = 0; i < queries; i++) {
                for (int j = offset + i + 1; j < keys; j++) {
                    m[i * keys + j] = -1e9f;
                }
            }
            mask = manager.create(m, new Shape(queries, keys));
        }
        return mask;
    }

    /** A value computed once per step for {@code key} (e.g. one layer's FIRE bias), then reused. */
    NDArray memo(Object key, java.util.function.Supplier<NDArray> compute) {
        NDArray v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return v;
    }
}

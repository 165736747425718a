package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Causal multi-head self-attention, bias-free, scale 1/√d. Optional positional hooks: RoPE on q and k,
 * and a FIRE bias added to the scaled scores before the causal mask. Deepnorm init: Q and K blocks gain 1,
 * V and the output projection the deepnorm gain; or Xavier-uniform (Murty). Dropout on the attention
 * probabilities in training (Murty).
 */
final class Attention extends Module {

    private final int heads;
    private final int headDim;
    private final Linear qkv; // H → 3H, rows [Q; K; V]
    private final Linear out; // H → H
    private final Fire fire; // null unless the scheme uses FIRE
    private final boolean rope;
    private final double ropeBase;
    private final double dropout;

    Attention(ModelSettings s) {
        heads = s.heads();
        headDim = s.headDim();
        int h = s.hidden();
        double gain = s.deepnormGain();
        boolean xavier = s.init() == ModelSettings.InitScheme.XAVIER_UNIFORM;
        // Xavier-uniform per [H,H] block, as for separate Q, K and V projections
        qkv = child("qkv", new Linear(h, 3L * h, xavier ? Init.xavierUniform(1.0, h, h) : qkvInit(h, gain), false));
        out = child("out", new Linear(h, h, Init.weight(s, gain, h, h), false));
        dropout = s.dropout();
        fire = s.embedding().fire() ? child("fire", new Fire(heads, s.fireL0(), gain)) : null;
        rope = s.embedding().rope();
        ropeBase = s.ropeBase();
    }

    /** Q and K blocks Xavier-normal with gain 1, V with the deepnorm gain; each block is [H,H]. */
    private static Initializer qkvInit(int h, double gain) {
        double unit = Math.sqrt(2.0 / (h + h));
        return (manager, shape, dataType) -> {
            Shape block = new Shape(h, h);
            NDArray q = manager.randomNormal(0f, (float) unit, block, dataType);
            NDArray k = manager.randomNormal(0f, (float) unit, block, dataType);
            NDArray v = manager.randomNormal(0f, (float) (gain * unit), block, dataType);
            NDArray all = NDArrays.concat(new NDList(q, k, v), 0);
            q.close();
            k.close();
            v.close();
            return all;
        };
    }

    /**
     * @param x     [B,Sq,H] hidden states of the new positions
     * @param cache null, or the cache whose {@code slot} holds this call's past keys/values (extended here)
     * @return [B,Sq,H]
     */
    NDArray apply(Step step, NDArray x, KvCache cache, int slot) {
        long b = x.getShape().get(0);
        long sq = x.getShape().get(1);
        NDList parts = qkv.apply(x).split(3, 2); // 3 × [B,Sq,H]
        NDArray q = heads(parts.get(0), b, sq); // [B,h,Sq,d]
        NDArray k = heads(parts.get(1), b, sq);
        NDArray v = heads(parts.get(2), b, sq);
        if (rope) {
            NDArray cos = step.memo(
                    "rope-cos",
                    () -> Rope.tables(step, step.offset, step.queries, headDim, ropeBase)
                            .get(0));
            NDArray sin = step.memo(
                    "rope-sin",
                    () -> Rope.tables(step, step.offset, step.queries, headDim, ropeBase)
                            .get(1));
            NDList tables = new NDList(cos, sin);
            q = Rope.apply(q, tables);
            k = Rope.apply(k, tables);
        }
        if (cache != null) {
            NDArray[] kv = cache.extend(slot, k, v); // [B,h,Sk,d] each
            k = kv[0];
            v = kv[1];
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)) // [B,h,Sq,Sk]
                .mul(step.scalar((float) (1.0 / Math.sqrt(headDim))));
        if (fire != null) {
            NDArray[] drawn = step.drawPositions(); // randomized FIRE per layer call: this call's own positions
            NDArray bias = drawn != null
                    ? fire.bias(step, drawn[0], drawn[1])
                    : step.memo(fire, () -> fire.bias(step, step.queryPositions(), step.keyPositions()));
            scores = scores.add(bias); // + [h,Sq,Sk]
        }
        NDArray mask = step.causalMask();
        if (mask != null) {
            scores = scores.add(mask); // + [Sq,Sk]
        }
        if (step.keyMask != null) {
            scores = scores.add(step.keyMask); // + [B,1,1,Sk]: span-restricted attention (tree projections)
        }
        NDArray probabilities = scores.softmax(-1); // [B,h,Sq,Sk]
        if (step.attentionProbe != null) {
            step.attentionProbe.add(probabilities.mean(new int[] {1})); // heads averaged first, as Murty et al.
        }
        NDArray context = Dropout.apply(step, probabilities, dropout).matMul(v); // [B,h,Sq,d]
        return out.apply(context.transpose(0, 2, 1, 3).reshape(b, sq, (long) heads * headDim));
    }

    /** [B,S,H] → [B,heads,S,d]. */
    private NDArray heads(NDArray x, long b, long s) {
        return x.reshape(b, s, heads, headDim).transpose(0, 2, 1, 3);
    }
}

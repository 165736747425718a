package lab.abacus.model;

import ai.djl.ndarray.NDArray;

/**
 * One transformer layer. Post-norm as in the reference, h = LN(h + Attn(h)); h = LN(h + FFN(h));
 * or, with the pre-norm switch, h = h + Attn(LN(h)); h = h + FFN(LN(h)). The FFN is the reference's GLU or
 * Murty's ReLU one; with dropout, each residual branch is dropped out before it is added.
 */
final class Layer extends Module {

    private final boolean preNorm;
    private final Attention attention;
    private final Norm attentionNorm;
    private final GluFfn glu; // null with ffn = relu
    private final ReluFfn relu; // null with ffn = glu
    private final Norm ffnNorm;
    private final double dropout;

    Layer(ModelSettings s) {
        preNorm = s.preNorm();
        attention = child("attention", new Attention(s));
        attentionNorm = child("attention_norm", new Norm(s.hidden()));
        boolean isRelu = s.ffn() == ModelSettings.Ffn.RELU;
        glu = isRelu ? null : child("ffn", new GluFfn(s.hidden(), s.intermediate(), s.deepnormGain()));
        relu = isRelu ? child("ffn", new ReluFfn(s)) : null;
        ffnNorm = child("ffn_norm", new Norm(s.hidden()));
        dropout = s.dropout();
    }

    /** [B,S,H] → [B,S,H]; {@code slot} names this call's KV-cache entry. */
    NDArray apply(Step step, NDArray h, KvCache cache, int slot) {
        if (preNorm) {
            h = h.add(branch(step, attention.apply(step, attentionNorm.apply(h), cache, slot)));
            return h.add(branch(step, ffn(step, ffnNorm.apply(h))));
        }
        h = attentionNorm.apply(h.add(branch(step, attention.apply(step, h, cache, slot))));
        return ffnNorm.apply(h.add(branch(step, ffn(step, h))));
    }

    private NDArray ffn(Step step, NDArray x) {
        return relu != null ? relu.apply(step, x) : glu.apply(x);
    }

    /** A residual branch's output, dropped out in training. */
    private NDArray branch(Step step, NDArray x) {
        return Dropout.apply(step, x, dropout);
    }
}

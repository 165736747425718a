package lab.abacus.model;

import ai.djl.ndarray.NDArray;

/**
 * One transformer layer. Post-norm as in the reference, h = LN(h + Attn(h)); h = LN(h + FFN(h));
 * or, with the pre-norm switch, h = h + Attn(LN(h)); h = h + FFN(LN(h)).
 */
final class Layer extends Module {

    private final boolean preNorm;
    private final Attention attention;
    private final Norm attentionNorm;
    private final GluFfn ffn;
    private final Norm ffnNorm;

    Layer(ModelSettings s) {
        preNorm = s.preNorm();
        attention = child("attention", new Attention(s));
        attentionNorm = child("attention_norm", new Norm(s.hidden()));
        ffn = child("ffn", new GluFfn(s.hidden(), s.intermediate(), s.deepnormGain()));
        ffnNorm = child("ffn_norm", new Norm(s.hidden()));
    }

    /** [B,S,H] → [B,S,H]; {@code slot} names this call's KV-cache entry. */
    NDArray apply(Step step, NDArray h, KvCache cache, int slot) {
        if (preNorm) {
            h = h.add(attention.apply(step, attentionNorm.apply(h), cache, slot));
            return h.add(ffn.apply(ffnNorm.apply(h)));
        }
        h = attentionNorm.apply(h.add(attention.apply(step, h, cache, slot)));
        return ffnNorm.apply(h.add(ffn.apply(h)));
    }
}

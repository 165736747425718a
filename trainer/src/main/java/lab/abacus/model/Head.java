package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Output head. The reference's: GLU FFN (no residual) → LayerNorm → adapter (bias-free H×H linear) → vocabulary
 * projection (bias-free, untied from the token embedding). Murty's ({@code head = linear}): the vocabulary
 * projection alone, with a bias ({@code output-bias}), its own weights or the token embedding's
 * ({@code tied-embedding}).
 */
final class Head extends Module {

    private final GluFfn ffn; // null with head = linear
    private final Norm norm;
    private final Linear adapter;
    private final Linear decoder; // null when tied
    private final Parameter tied; // the token table [V,H], or null
    private final Parameter bias; // [V] of a tied projection with output-bias, or null

    Head(ModelSettings s, int vocabSize, Parameter tokenTable) {
        double gain = s.deepnormGain();
        boolean reference = s.head() == ModelSettings.HeadType.ABACUS;
        ffn = reference ? child("ffn", new GluFfn(s.hidden(), s.intermediate(), gain)) : null;
        norm = reference ? child("final_norm", new Norm(s.hidden())) : null;
        adapter = reference ? child("adapter", new Linear(s.hidden(), s.hidden(), gain, false)) : null;
        tied = s.tiedEmbedding() ? tokenTable : null;
        decoder = s.tiedEmbedding()
                ? null
                : child(
                        "decoder",
                        new Linear(s.hidden(), vocabSize, Init.weight(s, gain, s.hidden(), vocabSize), s.outputBias()));
        bias = s.tiedEmbedding() && s.outputBias()
                ? param("decoder_bias", new Shape(vocabSize), Init.constant(0f))
                : null;
    }

    /** [B,S,H] → logits [B,S,V]. */
    NDArray apply(NDArray h) {
        NDArray x = ffn == null ? h : adapter.apply(norm.apply(ffn.apply(h)));
        if (decoder != null) {
            return decoder.apply(x);
        }
        return x.getNDArrayInternal()
                .linear(x, tied.getArray(), bias == null ? null : bias.getArray())
                .singletonOrThrow();
    }
}

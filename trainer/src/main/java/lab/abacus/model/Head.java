package lab.abacus.model;

import ai.djl.ndarray.NDArray;

/**
 * Output head: GLU FFN (no residual) → LayerNorm → adapter (bias-free H×H linear) → vocabulary projection
 * (bias-free, untied from the token embedding).
 */
final class Head extends Module {

    private final GluFfn ffn;
    private final Norm norm;
    private final Linear adapter;
    private final Linear decoder;

    Head(ModelSettings s, int vocabSize) {
        double gain = s.deepnormGain();
        ffn = child("ffn", new GluFfn(s.hidden(), s.intermediate(), gain));
        norm = child("final_norm", new Norm(s.hidden()));
        adapter = child("adapter", new Linear(s.hidden(), s.hidden(), gain, false));
        decoder = child("decoder", new Linear(s.hidden(), vocabSize, gain, false));
    }

    /** [B,S,H] → logits [B,S,V]. */
    NDArray apply(NDArray h) {
        return decoder.apply(adapter.apply(norm.apply(ffn.apply(h))));
    }
}

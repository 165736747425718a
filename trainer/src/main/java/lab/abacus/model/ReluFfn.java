package lab.abacus.model;

import ai.djl.ndarray.NDArray;

/**
 * ReLU feed-forward with biases (Csordás's TransformerLM, which Murty et al. train): Linear(H→I) + b, ReLU,
 * dropout, Linear(I→H) + b. Xavier-uniform init with the ReLU gain √2 on the first layer, 1 on the second.
 */
final class ReluFfn extends Module {

    private final Linear up; // H → I
    private final Linear down; // I → H
    private final double dropout;

    ReluFfn(ModelSettings s) {
        int h = s.hidden();
        int i = s.intermediate();
        boolean xavier = s.init() == ModelSettings.InitScheme.XAVIER_UNIFORM;
        double gain = s.deepnormGain();
        up = child(
                "up",
                new Linear(h, i, xavier ? Init.xavierUniform(Math.sqrt(2), h, i) : Init.xavier(gain, h, i), true));
        down = child("down", new Linear(i, h, Init.weight(s, gain, i, h), true));
        dropout = s.dropout();
    }

    /** [B,S,H] → [B,S,H]. */
    NDArray apply(Step step, NDArray x) {
        NDArray hidden = up.apply(x).getNDArrayInternal().relu(); // [B,S,I]
        return down.apply(Dropout.apply(step, hidden, dropout));
    }
}

package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * FIRE (Li et al. 2023) additive attention bias, one module per layer, shared across recurrences
 * (abacus-reference §3.2): for query position i and key position j,
 * <pre>
 *   rel  = log(|c·(i − j)| + 1)
 *   norm = log(|c·max(i, |mult·L₀|)| + 1)
 *   bias = MLP(rel / (norm + 1e-6))      MLP: Linear(1→32) + ReLU + Linear(32→heads), with biases
 * </pre>
 * c starts at 0.1 (trainable), mult at 1.0 (trainable), L₀ is frozen (512). 595 parameters for 16 heads.
 */
final class Fire extends Module {

    static final int MLP_WIDTH = 32;

    private final Linear in; // 1 → 32
    private final Linear out; // 32 → heads
    private final ai.djl.nn.Parameter c;
    private final ai.djl.nn.Parameter l0;
    private final ai.djl.nn.Parameter mult;

    Fire(int heads, int l0Value, double gain) {
        in = child("mlp_in", new Linear(1, MLP_WIDTH, gain, true));
        out = child("mlp_out", new Linear(MLP_WIDTH, heads, gain, true));
        c = param("c", new Shape(1), Init.constant(0.1f));
        l0 = frozen("l0", new Shape(1), Init.constant(l0Value));
        mult = param("mult", new Shape(1), Init.constant(1f));
    }

    /**
     * @param queryPos [Sq] float positions of the queries
     * @param keyPos   [Sk] float positions of the keys
     * @return bias [heads, Sq, Sk] in queryPos's manager
     */
    NDArray bias(Step step, NDArray queryPos, NDArray keyPos) {
        NDArray cc = step.one.mul(c.getArray()); // [1], step-owned
        NDArray qi = queryPos.expandDims(1); // [Sq,1]
        NDArray rel = qi.sub(keyPos.expandDims(0)).mul(cc).abs().add(1f).log(); // [Sq,Sk]
        NDArray threshold = step.one.mul(mult.getArray()).mul(l0.getArray()).abs(); // [1]
        NDArray norm = qi.maximum(threshold).mul(cc).abs().add(1f).log(); // [Sq,1]
        NDArray x = rel.div(norm.add(1e-6f)).expandDims(-1); // [Sq,Sk,1]
        NDArray h = in.apply(x).getNDArrayInternal().relu(); // [Sq,Sk,32]
        return out.apply(h).transpose(2, 0, 1); // [heads,Sq,Sk]
    }
}

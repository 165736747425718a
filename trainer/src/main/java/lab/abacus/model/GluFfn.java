package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * GLU feed-forward: Linear(H→I), split in halves, value · GELU(gate) (value = first half, gate = second
 * half, exact-erf GELU), Linear(I/2→H). Both linears bias-free. Used in every layer and as the head FFN.
 */
final class GluFfn extends Module {

    private final Linear up; // H → I
    private final Linear down; // I/2 → H

    GluFfn(int hidden, int intermediate, double gain) {
        up = child("up", new Linear(hidden, intermediate, gain, false));
        down = child("down", new Linear(intermediate / 2, hidden, gain, false));
    }

    /** [B,S,H] → [B,S,H]. */
    NDArray apply(NDArray x) {
        NDList halves = up.apply(x).split(2, x.getShape().dimension() - 1); // 2 × [B,S,I/2]
        NDArray gate = halves.get(1).getNDArrayInternal().gelu(); // torch.gelu default: exact erf
        return down.apply(halves.get(0).mul(gate));
    }
}

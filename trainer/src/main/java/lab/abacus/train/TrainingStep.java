package lab.abacus.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import lab.abacus.data.TrainBatch;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;

/**
 * The arithmetic of one optimizer step, shared by the trainer and the benchmark: forward/backward of each
 * microbatch (gradients accumulate on the parameters), then global-norm clipping and the AdamW update.
 *
 * <p>Memory (platform-notes rules 1–3): a microbatch's inputs and its whole graph live in a sub-manager closed right
 * after backward; the scalars in the graph are NDArrays of that manager, never Java numbers; the optimizer update
 * runs outside it, with its own scoping.
 */
public final class TrainingStep {

    private final TrainSettings ts;
    private final ModelSettings ms;
    private final LanguageModel model;
    private final AdamW opt;
    private final NDManager root;

    public TrainingStep(TrainSettings ts, ModelSettings ms, LanguageModel model, AdamW opt, NDManager root) {
        this.ts = ts;
        this.ms = ms;
        this.model = model;
        this.opt = opt;
        this.root = root;
    }

    /**
     * Forward and backward of one microbatch of an optimizer step of {@code accum} microbatches; returns its
     * (unscaled) loss. The backpropagated loss is divided by {@code accum} so accumulated gradients average.
     */
    public double microbatch(TrainBatch b, ForwardPass pass, int accum) {
        try (NDManager sm = root.newSubManager()) {
            NDArray tokensArr = sm.create(b.tokens(), new Shape(b.rows(), b.seqLen()));
            NDArray targets = sm.create(b.targets(), new Shape(b.rows(), b.seqLen(), 1));
            NDArray mask = sm.create(b.mask(), new Shape(b.rows(), b.seqLen()));
            double denom = ts.lossReduction() == TrainSettings.LossReduction.TOKEN_MEAN
                    ? Math.max(1, b.targetTokens())
                    : (double) b.rows() * (b.seqLen() - 1);
            NDArray lossScale = sm.create((float) (1.0 / (denom * accum)));
            double alpha = ms.progressiveAlpha();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray nll = maskedNll(model.forward(tokensArr, pass), targets, mask);
                if (alpha != 1.0 && ms.recurrence() > 1) {
                    // Reference progressive loss with α ≠ 1: (1−α)·L(max-depth pass) + α·L(random-depth pass).
                    ForwardPass max =
                            ForwardPass.maxDepth(pass.abacusOffset(), ms.recurrence(), ms.maxBackpropOrDefault());
                    NDArray nllMax = maskedNll(model.forward(tokensArr, max), targets, mask);
                    nll = nll.mul(sm.create((float) alpha)).add(nllMax.mul(sm.create((float) (1 - alpha))));
                }
                gc.backward(nll.mul(lossScale));
                return nll.getFloat() / denom;
            }
        }
    }

    /** Global gradient norm before clipping (NaN/inf is the caller's failure). */
    public double gradientNorm() {
        return opt.gradientNorm();
    }

    /** Clip to the global norm {@code grad-clip} (PyTorch's coefficient clip / (norm + 1e-6), at most 1), update. */
    public void update(double lr, double gradNorm) {
        double coef = ts.gradClip() > 0 ? Math.min(1.0, ts.gradClip() / (gradNorm + 1e-6)) : 1.0;
        opt.step(lr, coef);
    }

    /** Sum over masked positions of −log p(target): logits [B,S,V], targets [B,S,1] int, mask [B,S] float. */
    static NDArray maskedNll(NDArray logits, NDArray targets, NDArray mask) {
        NDArray logp = logits.logSoftmax(2).gather(targets, 2).squeeze(2);
        return logp.mul(mask).sum().neg();
    }
}

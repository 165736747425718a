package lab.abacus.model;

import java.util.Random;

/**
 * What one forward call does. The caller (the trainer) draws every random choice — the Abacus offset k and
 * the progressive-loss split — from its own seeded generator, so a run replays exactly from (seed, step).
 *
 * <p>The block runs {@code noGradRecurrences + gradRecurrences} times. The first {@code noGradRecurrences}
 * are cut from the gradient (the reference runs them under {@code torch.no_grad}); the last
 * {@code gradRecurrences} are graded. For non-looped models both are fixed: 0 and 1.
 *
 * @param training          training mode: the Abacus offset may be non-zero, randomized FIRE draws positions,
 *                          the random initial state is drawn (if enabled)
 * @param abacusOffset      k added to every non-zero Abacus index (must be 0 when not training)
 * @param noGradRecurrences n: leading recurrences without gradient (progressive loss)
 * @param gradRecurrences   recurrences with gradient (≥ 1)
 * @param initialNoise      draw the random initial state (when the model has one): always in training; at
 *                          evaluation only if the evaluation variant says so (the reference draws it)
 */
public record ForwardPass(
        boolean training, int abacusOffset, int noGradRecurrences, int gradRecurrences, boolean initialNoise) {

    public ForwardPass {
        if (abacusOffset < 0 || (!training && abacusOffset != 0)) {
            throw new IllegalArgumentException("abacus offset must be >= 0, and 0 outside training: " + abacusOffset);
        }
        if (noGradRecurrences < 0 || gradRecurrences < 1) {
            throw new IllegalArgumentException("need n >= 0 no-grad and k >= 1 graded recurrences, got n="
                    + noGradRecurrences + " k=" + gradRecurrences);
        }
    }

    /** A pass that draws the initial state noise exactly when it trains. */
    public ForwardPass(boolean training, int abacusOffset, int noGradRecurrences, int gradRecurrences) {
        this(training, abacusOffset, noGradRecurrences, gradRecurrences, training);
    }

    /** Evaluation: k = 0, {@code recurrences} recurrences, no initial-state noise. */
    public static ForwardPass eval(int recurrences) {
        return new ForwardPass(false, 0, 0, recurrences, false);
    }

    /** Evaluation as {@code variant} says: its recurrences, and initial-state noise if it asks for it. */
    public static ForwardPass eval(EvalVariant variant) {
        return new ForwardPass(false, 0, 0, variant.recurrences(), variant.noise());
    }

    /** Training at full depth with full backpropagation through all {@code recurrences}. */
    public static ForwardPass train(int abacusOffset, int recurrences) {
        return new ForwardPass(true, abacusOffset, 0, recurrences);
    }

    /** Training with {@code noGrad} recurrences cut from the graph, then {@code graded} with gradient. */
    public static ForwardPass progressive(int abacusOffset, int noGrad, int graded) {
        return new ForwardPass(true, abacusOffset, noGrad, graded);
    }

    /**
     * The reference's random-depth pass (abacus-reference §4.4): n uniform in {0..R−1}, then k uniform in
     * {1..min(R−n, B)}. For R = 1 this is n = 0, k = 1 (ordinary training).
     */
    public static ForwardPass drawProgressive(Random rng, int abacusOffset, int recurrence, int maxBackprop) {
        int n = rng.nextInt(recurrence);
        int k = 1 + rng.nextInt(Math.min(recurrence - n, maxBackprop));
        return progressive(abacusOffset, n, k);
    }

    /** The reference's max-depth pass used when α ≠ 1: n = R − B without gradient, then B graded. */
    public static ForwardPass maxDepth(int abacusOffset, int recurrence, int maxBackprop) {
        return progressive(abacusOffset, recurrence - maxBackprop, maxBackprop);
    }

    /** The reference's offset draw: k uniform in {0..maxK}, once per batch. */
    public static int drawAbacusOffset(Random rng, int maxK) {
        return rng.nextInt(maxK + 1);
    }

    /** Total recurrences run. */
    public int recurrences() {
        return noGradRecurrences + gradRecurrences;
    }
}

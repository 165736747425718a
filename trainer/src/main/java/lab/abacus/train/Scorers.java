package lab.abacus.train;

/** The held-out scorer the trainer uses unless told otherwise. */
final class Scorers {

    private Scorers() {}

    /** The greedy KV-cache decoder of {@code lab.abacus.decode}. */
    static HeldOutScorer defaultScorer() {
        return new ExactMatchScorer();
    }
}

package lab.abacus.task;

import java.util.SplittableRandom;

/**
 * Draws problems of one task for a grid cell (lenA, lenB) into a reusable {@link Problem}. Instances keep scratch
 * buffers, so use one per thread. The random stream is the caller's (seeded per logical shard or per cell), which
 * makes a dataset a pure function of its config and seed.
 */
public interface ProblemGenerator {

    /** Draw one problem with exactly the cell's lengths into {@code out}. */
    void generate(int lenA, int lenB, SplittableRandom rng, Problem out);

    /** How many distinct prompts the cell can produce (a double: it overflows long quickly). */
    double spaceSize(int lenA, int lenB);
}

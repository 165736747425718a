package lab.abacus.grid;

import java.io.Serializable;
import lab.abacus.task.TaskKind;

/**
 * Predicted cost of greedily decoding one grid cell with a KV cache, in token-equivalents.
 *
 * <p>For a cell of {@code n} problems with prompt length {@code P} and {@code G} generated tokens (answer + EOS),
 * the sequence grows to {@code S = P + G}. With a KV cache every generated token is one forward step whose work
 * per row is dominated by reading up to {@code S} cached positions, so a row costs about {@code G × S}; a
 * batched step also pays a fixed cost (kernel launches, per-layer overhead) that does not scale with the batch:
 *
 * <pre>  cost = G × (n × S + stepOverhead) × groups</pre>
 *
 * where {@code groups} is the number of separately decoded batches in the cell: 1 for tasks whose prompts in a cell
 * all have the same length (addition, subtraction, multiplication, OR), and for sorting the number of distinct
 * prompt lengths (≈ min(n, L·(D−1)+1)), because sorting is batched per prompt-length group. In that case the
 * {@code n × S} term is shared among the groups, so only the overhead multiplies: the formula below splits it.
 *
 * <p>Lengths per task (abacus-reference §1; numbers reversed, no spaces):
 * <ul>
 *   <li>addition/subtraction {@code A+B=}: P = a+b+2, G = max(a,b)+2 (answer ≤ max+1 digits, then EOS);</li>
 *   <li>multiplication: P = a+b+2, G = a+b+1;</li>
 *   <li>bitwise OR: P = a+b+2, G = max(a,b)+1;</li>
 *   <li>sorting, a = max digits D, b = array length L ({@code l:ddd,...=}, digits uniform in 1..D):
 *       P = L·(2+(D+1)/2) + (L−1) + 1, G = 2L (L labels, L−1 commas, EOS).</li>
 * </ul>
 * Task names are the data config's ({@code addition}, ..., {@code bitwise-or}); an unknown one is an error. Only
 * relative costs matter: they balance partitions.
 */
public record DecodeCost(double stepOverhead) implements Serializable {

    /**
     * Default fixed cost per batched decode step, in token-equivalents. Fitted to measured cell times of small CPU
     * models (GridSparkBenchmark: 2,600..24,000 on a busy 2-core machine): a step costs as much as thousands of
     * token-positions, so short cells are step-bound. Calibrate for other hardware with that benchmark.
     */
    public static final double DEFAULT_STEP_OVERHEAD = 4096;

    public static DecodeCost standard() {
        return new DecodeCost(DEFAULT_STEP_OVERHEAD);
    }

    public DecodeCost {
        if (!(stepOverhead >= 0)) {
            throw new IllegalArgumentException("stepOverhead must be >= 0: " + stepOverhead);
        }
    }

    /** Predicted cost of decoding {@code n} problems of {@code cell}. */
    public double of(GridCell cell, int n) {
        double[] t = terms(cell, n);
        return t[0] + stepOverhead * t[1];
    }

    /**
     * The two terms of the cost, {@code {G × n × S, G × groups}}: per-token work and decode steps. Benchmarks fit
     * measured cell times to them to calibrate {@code stepOverhead} (= step weight / token weight).
     */
    public static double[] terms(GridCell cell, int n) {
        int a = cell.lenA();
        int b = cell.lenB();
        double prompt;
        double generated;
        double groups = 1;
        switch (TaskKind.fromConfigName(cell.task())) {
            case MULTIPLICATION -> {
                prompt = a + b + 2;
                generated = a + b + 1;
            }
            case BITWISE_OR -> {
                prompt = a + b + 2;
                generated = Math.max(a, b) + 1;
            }
            case SORTING -> {
                prompt = b * (2 + (a + 1) / 2.0) + (b - 1) + 1;
                generated = 2.0 * b;
                groups = Math.min(n, (double) b * (a - 1) + 1);
            }
            default -> {
                prompt = a + b + 2;
                generated = Math.max(a, b) + 2;
            }
        }
        double seq = prompt + generated;
        return new double[] {generated * n * seq, generated * groups};
    }
}

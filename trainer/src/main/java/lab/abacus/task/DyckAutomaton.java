package lab.abacus.task;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws strings of Dyck-(k, d) from the probabilistic automaton over the bracket stack of Murty et al.'s generator
 * (structural-grokking §1.1), as {@link DyckString} symbols:
 *
 * <ul>
 *   <li>empty stack: END with probability 1/2, each of the k open brackets 1/(2k); while the string is shorter than
 *       the minimum length, END is redrawn, which leaves each open bracket 1/k;</li>
 *   <li>depth 1 .. d-1: close the top bracket 1/2, each open bracket 1/(2k);</li>
 *   <li>depth d: close.</li>
 * </ul>
 *
 * <p>Keeps a scratch buffer: one instance per thread. The random stream is the caller's.
 */
public final class DyckAutomaton {

    private final int types;
    private final int maxDepth;
    private final int minLength;
    private final int[] stack;
    private int[] buffer = new int[64];

    /**
     * @param types     k, bracket types (1..{@link DyckString#MAX_TYPES})
     * @param maxDepth  d, the deepest nesting (at least 1)
     * @param minLength shortest string in tokens (END is redrawn before it)
     */
    public DyckAutomaton(int types, int maxDepth, int minLength) {
        if (types < 1 || types > DyckString.MAX_TYPES || maxDepth < 1 || minLength < 0) {
            throw new IllegalArgumentException(
                    "Dyck-(" + types + ", " + maxDepth + ") with min length " + minLength + " is not a language");
        }
        this.types = types;
        this.maxDepth = maxDepth;
        this.minLength = minLength;
        this.stack = new int[maxDepth];
    }

    public int types() {
        return types;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** One string: open type t is symbol t, its close is k + t. */
    public int[] draw(SplittableRandom rng) {
        int length = 0;
        int depth = 0;
        while (true) {
            boolean close;
            if (depth == 0) {
                if (length >= minLength && rng.nextBoolean()) {
                    return Arrays.copyOf(buffer, length);
                }
                close = false;
            } else {
                close = depth == maxDepth || rng.nextBoolean();
            }
            int symbol;
            if (close) {
                symbol = types + stack[--depth];
            } else {
                int type = rng.nextInt(types);
                stack[depth++] = type;
                symbol = type;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, 2 * length);
            }
            buffer[length++] = symbol;
        }
    }
}

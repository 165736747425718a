package lab.abacus.task;

import java.util.SplittableRandom;

/**
 * Addition {@code A+B=C}, subtraction {@code A-B=C} (A &ge; B, so C &ge; 0) and multiplication {@code AxB=C}
 * (abacus-reference §1.2–1.3): operands of exactly lenA and lenB digits drawn uniformly (never a leading zero, so a
 * 1-digit operand is 1..9), every number written least-significant digit first, the answer without leading zeros.
 *
 * <p>Subtraction: cells with lenA &lt; lenB cannot have a non-negative result and are not offered (see
 * {@link TaskKind#supports}); with equal lengths the larger operand is put first.
 */
final class ArithmeticGenerator implements ProblemGenerator {

    private final TaskKind kind;
    private int[] a = new int[32];
    private int[] b = new int[32];
    private int[] c = new int[64];

    ArithmeticGenerator(TaskKind kind) {
        this.kind = kind;
    }

    @Override
    public void generate(int lenA, int lenB, SplittableRandom rng, Problem out) {
        if (a.length < lenA || b.length < lenB || c.length < lenA + lenB + 1) {
            a = new int[Math.max(lenA, lenB) + 1];
            b = new int[Math.max(lenA, lenB) + 1];
            c = new int[lenA + lenB + 2];
        }
        out.reset(lenA, lenB, lenA + lenB + 2, lenA + lenB + 1);
        Digits.randomExact(rng, a, lenA);
        Digits.randomExact(rng, b, lenB);
        int nc;
        char op;
        int[] x = a;
        int[] y = b;
        switch (kind) {
            case ADDITION -> {
                nc = Digits.add(a, lenA, b, lenB, c);
                op = '+';
            }
            case SUBTRACTION -> {
                if (lenA == lenB && Digits.compare(a, lenA, b, lenB) < 0) {
                    x = b;
                    y = a;
                }
                nc = Digits.subtract(x, lenA, y, lenB, c);
                op = '-';
            }
            case MULTIPLICATION -> {
                nc = Digits.multiply(a, lenA, b, lenB, c);
                op = 'x';
            }
            default -> throw new IllegalStateException(kind.name());
        }
        char[] p = out.prompt;
        int k = 0;
        for (int i = 0; i < lenA; i++) {
            p[k++] = (char) ('0' + x[i]);
        }
        p[k++] = op;
        for (int i = 0; i < lenB; i++) {
            p[k++] = (char) ('0' + y[i]);
        }
        p[k++] = '=';
        out.promptLength = k;
        char[] ans = out.answer;
        for (int i = 0; i < nc; i++) {
            ans[i] = (char) ('0' + c[i]);
        }
        out.answerLength = nc;
    }

    @Override
    public double spaceSize(int lenA, int lenB) {
        double na = 9 * Math.pow(10, lenA - 1);
        double nb = 9 * Math.pow(10, lenB - 1);
        // Equal-length subtraction orders the pair, so about half the ordered pairs are distinct prompts.
        return kind == TaskKind.SUBTRACTION && lenA == lenB ? na * (nb + 1) / 2 : na * nb;
    }
}

package lab.abacus.task;

import java.util.Arrays;
import java.util.Locale;

/**
 * The arithmetic tasks of the Abacus study, their tokenizer, and the rules that depend on the task: which cells
 * exist, whether training rows are sampled with replacement (bucket method) or enumerated without replacement, and
 * which training cell can produce a given problem (for train/eval deduplication).
 */
public enum TaskKind {
    ADDITION(Vocabulary.PAD_TOKENIZER),
    SUBTRACTION(Vocabulary.PAD_TOKENIZER),
    MULTIPLICATION(Vocabulary.PAD_TOKENIZER),
    /** Cell (lenA, lenB) = (max digits, array length). */
    SORTING(Vocabulary.SORT_TOKENIZER),
    BITWISE_OR(Vocabulary.PAD_TOKENIZER);

    private final Vocabulary vocabulary;

    TaskKind(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Config spelling, e.g. {@code bitwise-or}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TaskKind fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.configName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task '" + name + "' (one of "
                        + String.join(
                                ", ",
                                Arrays.stream(values())
                                        .map(TaskKind::configName)
                                        .toList()) + ")"));
    }

    /** Whether cell (lenA, lenB) exists for this task: subtraction needs lenA &ge; lenB (non-negative results). */
    public boolean supports(int lenA, int lenB) {
        return this != SUBTRACTION || lenA >= lenB;
    }

    /**
     * The longest run of consecutive digit tokens in a problem of cell (lenA, lenB), prompt and answer: what the
     * Abacus embedding numbers 1..run. Operands are lenA and lenB digits long (sorting: numbers of up to lenA
     * digits); the answer is the longest run where it can be longer (a carry; a product).
     */
    public int longestDigitRun(int lenA, int lenB) {
        return switch (this) {
            case ADDITION -> Math.max(lenA, lenB) + 1;
            case SUBTRACTION, BITWISE_OR -> Math.max(lenA, lenB);
            case MULTIPLICATION -> lenA + lenB;
            case SORTING -> lenA;
        };
    }

    /** Bitwise OR is enumerated and sampled without replacement; the others use the bucket method with replacement. */
    public boolean sampledWithReplacement() {
        return this != BITWISE_OR;
    }

    /** Could a training cell (lenA, lenB) draw problem {@code p} (of any cell)? */
    public boolean producibleIn(Problem p, int lenA, int lenB) {
        if (this == SORTING) {
            return p.lenB == lenB && p.actualLenA <= lenA;
        }
        return p.lenA == lenA && p.lenB == lenB;
    }

    /** A fresh generator (keeps scratch buffers: one per thread). */
    public ProblemGenerator newGenerator(LabelSet labels) {
        return switch (this) {
            case ADDITION, SUBTRACTION, MULTIPLICATION -> new ArithmeticGenerator(this);
            case SORTING -> new SortingGenerator(labels);
            case BITWISE_OR -> new BitwiseOrGenerator();
        };
    }
}

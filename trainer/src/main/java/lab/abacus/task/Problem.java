package lab.abacus.task;

import java.util.Arrays;
import lab.abacus.hash.Hashing;

/**
 * One generated problem, held in reusable char buffers so the hot generation loop allocates nothing per row.
 *
 * <p>{@code prompt} is the model-facing text through '=' inclusive; {@code answer} is the answer text without EOS
 * ({@link Vocabulary#encodeExample} appends EOS). {@code lenA}/{@code lenB} are the grid coordinates of the cell it
 * was drawn for; {@code actualLenA} is, for sorting, the digit count of the longest number actually drawn (a sorting
 * problem of cell (D, L) can also be drawn in any cell (D', L) with D' &ge; actualLenA), and equals lenA otherwise.
 */
public final class Problem {

    char[] prompt = new char[64];
    int promptLength;
    char[] answer = new char[64];
    int answerLength;
    int lenA;
    int lenB;
    int actualLenA;

    /** Start a new problem for cell (lenA, lenB) whose texts need at most the given capacities. */
    void reset(int lenA, int lenB, int promptCapacity, int answerCapacity) {
        this.lenA = lenA;
        this.lenB = lenB;
        this.actualLenA = lenA;
        promptLength = 0;
        answerLength = 0;
        if (prompt.length < promptCapacity) {
            prompt = new char[Math.max(promptCapacity, prompt.length * 2)];
        }
        if (answer.length < answerCapacity) {
            answer = new char[Math.max(answerCapacity, answer.length * 2)];
        }
    }

    public char[] promptChars() {
        return prompt;
    }

    public int promptLength() {
        return promptLength;
    }

    public char[] answerChars() {
        return answer;
    }

    public int answerLength() {
        return answerLength;
    }

    public int lenA() {
        return lenA;
    }

    public int lenB() {
        return lenB;
    }

    public int actualLenA() {
        return actualLenA;
    }

    /** Token count of prompt + answer + EOS: the sequence length before padding (one char is one token). */
    public int sequenceLength() {
        return promptLength + answerLength + 1;
    }

    public String prompt() {
        return new String(prompt, 0, promptLength);
    }

    public String answer() {
        return new String(answer, 0, answerLength);
    }

    /** 64-bit hash of the prompt (the prompt determines the problem): the identity used for train/eval dedup. */
    public long promptHash() {
        return Hashing.chars(Hashing.SEED, prompt, promptLength);
    }

    /** 64-bit hash of the whole row (cell, prompt, answer): folded into the dataset's content hash. */
    public long rowHash() {
        long h = Hashing.mix(Hashing.SEED ^ (((long) lenA << 32) | lenB));
        h = Hashing.chars(h, prompt, promptLength);
        return Hashing.chars(h ^ 0x3D, answer, answerLength);
    }

    @Override
    public String toString() {
        return "(" + lenA + "," + lenB + ") " + prompt() + answer();
    }

    /** Copy (for tests and small in-memory sets). */
    public Problem copy() {
        Problem p = new Problem();
        p.prompt = Arrays.copyOf(prompt, promptLength);
        p.promptLength = promptLength;
        p.answer = Arrays.copyOf(answer, answerLength);
        p.answerLength = answerLength;
        p.lenA = lenA;
        p.lenB = lenB;
        p.actualLenA = actualLenA;
        return p;
    }
}

package lab.abacus.decode;

import lab.abacus.task.TaskKind;
import lab.abacus.task.Vocabulary;

/**
 * Exact-match rules of the reference evaluation, as pure functions over token ids. {@code generated} is
 * what the model produced after the prompt; {@code answer} is the reference answer without EOS.
 */
public final class ExactMatch {

    private ExactMatch() {}

    /**
     * Addition, multiplication, bitwise OR (abacus-reference §6.1): the answer tokens, then EOS right after
     * them; anything after that first EOS is ignored. Right digits without the EOS (or with an early EOS) are
     * wrong. Decode at least {@code answer.length + 1} tokens for this to be decidable.
     */
    public static boolean correct(int[] generated, int[] answer) {
        if (generated.length < answer.length + 1) {
            return false;
        }
        for (int i = 0; i < answer.length; i++) {
            if (generated[i] != answer[i]) {
                return false; // also catches an EOS before the end of the answer
            }
        }
        return generated[answer.length] == Vocabulary.EOS;
    }

    /**
     * The task's rule, as the reference scores it: sorting by the answer prefix, EOS not checked (§6.3); every
     * other task by the answer and then EOS (§6.1).
     */
    public static boolean correct(TaskKind task, int[] generated, int[] answer) {
        return task == TaskKind.SORTING ? prefixCorrect(generated, answer) : correct(generated, answer);
    }

    /**
     * Sorting (abacus-reference §6.3): the prediction truncated to the answer's length must equal it; EOS is
     * not checked.
     */
    public static boolean prefixCorrect(int[] generated, int[] answer) {
        if (generated.length < answer.length) {
            return false;
        }
        for (int i = 0; i < answer.length; i++) {
            if (generated[i] != answer[i]) {
                return false;
            }
        }
        return true;
    }

    /** Sorting's "top-1" metric: the first generated token equals the answer's first (the minimum's label). */
    public static boolean firstCorrect(int[] generated, int[] answer) {
        return generated.length > 0 && answer.length > 0 && generated[0] == answer[0];
    }
}

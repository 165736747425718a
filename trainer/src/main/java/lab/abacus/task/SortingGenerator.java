package lab.abacus.task;

import java.util.SplittableRandom;

/**
 * Sorting (abacus-reference §1.4, §2.1): cell (lenA = max digits D, lenB = array length L). The array has exactly
 * L numbers; each number's digit count is uniform in 1..D and the number uniform among numbers of that many digits.
 * Prompt {@code l1:n1,l2:n2,...=} with numbers reversed; answer: the labels in ascending numeric order of their
 * numbers joined by ',' (stable: ties keep their input order). Labels are a cyclic run from a {@link LabelSet}.
 */
final class SortingGenerator implements ProblemGenerator {

    private final LabelSet labels;
    private int[][] numbers = new int[0][];
    private int[] lengths = new int[0];
    private int[] order = new int[0];
    private char[] labelOf = new char[0];

    SortingGenerator(LabelSet labels) {
        this.labels = labels;
    }

    @Override
    public void generate(int maxDigits, int arrayLength, SplittableRandom rng, Problem out) {
        ensure(maxDigits, arrayLength);
        out.reset(maxDigits, arrayLength, arrayLength * (maxDigits + 3) + 1, 2 * arrayLength);
        int offset = labels.drawOffset(rng);
        int longest = 0;
        char[] p = out.prompt;
        int k = 0;
        for (int i = 0; i < arrayLength; i++) {
            int d = 1 + rng.nextInt(maxDigits);
            Digits.randomExact(rng, numbers[i], d);
            lengths[i] = d;
            longest = Math.max(longest, d);
            char label = labels.charAt((offset + i) % labels.size());
            labelOf[i] = label;
            if (i > 0) {
                p[k++] = ',';
            }
            p[k++] = label;
            p[k++] = ':';
            int[] digits = numbers[i];
            for (int j = 0; j < d; j++) {
                p[k++] = (char) ('0' + digits[j]);
            }
        }
        p[k++] = '=';
        out.promptLength = k;
        out.actualLenA = longest;
        // Stable insertion sort of indices by value (L is small).
        for (int i = 0; i < arrayLength; i++) {
            int cur = i;
            order[i] = i;
            int j = i - 1;
            while (j >= 0 && Digits.compare(numbers[order[j]], lengths[order[j]], numbers[cur], lengths[cur]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = cur;
        }
        char[] ans = out.answer;
        int a = 0;
        for (int i = 0; i < arrayLength; i++) {
            if (i > 0) {
                ans[a++] = ',';
            }
            ans[a++] = labelOf[order[i]];
        }
        out.answerLength = a;
    }

    @Override
    public double spaceSize(int maxDigits, int arrayLength) {
        // distinct label runs x (numbers of 1..D digits)^L
        return labels.size() * Math.pow(Math.pow(10, maxDigits) - 1, arrayLength);
    }

    private void ensure(int maxDigits, int arrayLength) {
        if (numbers.length < arrayLength || (arrayLength > 0 && numbers[0].length < maxDigits)) {
            int n = Math.max(arrayLength, numbers.length);
            int d = Math.max(maxDigits, numbers.length == 0 ? 0 : numbers[0].length);
            numbers = new int[n][d];
            lengths = new int[n];
            order = new int[n];
            labelOf = new char[n];
        }
    }
}

package lab.abacus.task;

import java.util.Arrays;

/**
 * A reference character vocabulary (abacus-reference §1.1): four special tokens, then one id per character.
 *
 * <p>Ids: PAD=0, UNK=1 (any unknown character), BOS=2 (defined, never used), EOS=3; the characters start at 4,
 * so digits are 4..13 in every vocabulary. A space encodes as PAD, as in the reference pad tokenizer.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;
    /** First and last digit ids: the Abacus embedding indexes runs of these. */
    public static final int FIRST_DIGIT = 4;

    public static final int LAST_DIGIT = 13;

    /** Sort tokenizer's 99 label characters, in reference order (ids 19..117). */
    static final String SORT_LABELS = "ABCEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwyz"
            + "!@£#$%^&*()~?.<>{}[];/|" + "βΓΔδεζηθκΛλμΞξΠπΣςτΦφχΨψΩω";

    /** The "pad" tokenizer: addition, subtraction, multiplication, bitwise OR. 19 tokens. */
    public static final Vocabulary PAD_TOKENIZER = new Vocabulary("pad", "0123456789+-x= ");
    /** The "sort" tokenizer: digits, D , : = space, then 99 labels. 118 tokens. */
    public static final Vocabulary SORT_TOKENIZER = new Vocabulary("sort", "0123456789D,:= " + SORT_LABELS);

    private final String name;
    private final String chars;
    private final int[] idOfChar = new int[0x10000];

    private Vocabulary(String name, String chars) {
        this.name = name;
        this.chars = chars;
        Arrays.fill(idOfChar, UNK);
        for (int i = 0; i < chars.length(); i++) {
            idOfChar[chars.charAt(i)] = 4 + i;
        }
        idOfChar[' '] = PAD;
    }

    public String name() {
        return name;
    }

    /** Number of token ids (19 for pad, 118 for sort). */
    public int size() {
        return 4 + chars.length();
    }

    public int id(char c) {
        return idOfChar[c];
    }

    public static boolean isDigit(int id) {
        return id >= FIRST_DIGIT && id <= LAST_DIGIT;
    }

    /** Token ids of {@code text}, no EOS. */
    public int[] encode(CharSequence text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOfChar[text.charAt(i)];
        }
        return ids;
    }

    /** {@code prompt + answer} as ids with EOS appended: the training sequence before padding. */
    public int[] encodeExample(CharSequence prompt, CharSequence answer) {
        int[] ids = new int[prompt.length() + answer.length() + 1];
        int p = 0;
        for (int i = 0; i < prompt.length(); i++) {
            ids[p++] = idOfChar[prompt.charAt(i)];
        }
        for (int i = 0; i < answer.length(); i++) {
            ids[p++] = idOfChar[answer.charAt(i)];
        }
        ids[p] = EOS;
        return ids;
    }

    /** Text of ids, dropping PAD/BOS/EOS as the reference decoder does; UNK shows as '?'. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id >= 4 && id < size()) {
                sb.append(chars.charAt(id - 4));
            } else if (id == UNK) {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }

    public static Vocabulary byName(String name) {
        return switch (name) {
            case "pad" -> PAD_TOKENIZER;
            case "sort" -> SORT_TOKENIZER;
            default -> throw new IllegalArgumentException("unknown vocabulary " + name);
        };
    }
}

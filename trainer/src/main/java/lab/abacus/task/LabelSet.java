package lab.abacus.task;

/**
 * The label characters of the sorting task (abacus-reference §1.4, pitfall 19).
 *
 * <ul>
 *   <li>{@code REFERENCE}: the reference's fixed 102-character cyclic list (A–Z, a–z without x, 25 symbols including
 *       {@code . , :}, 26 Greek letters) with its offset quirk: the start offset is drawn from 0..102 inclusive and
 *       102 wraps to 0, so offset 0 is twice as likely. Labels {@code D , :} collide with the sort tokenizer's
 *       separators (a label ',' encodes as the separator id 15).</li>
 *   <li>{@code COLLISION_FREE}: the 99 label characters of the sort tokenizer (ids 19..117, the list above without
 *       {@code D , :}), start offset uniform over 0..98. Our deviation, recorded in the dataset manifest.</li>
 * </ul>
 */
public enum LabelSet {
    REFERENCE(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwyz" + "!@£#$%^&*()~?.,<>{}[]:;/|"
                    + "βΓΔδεζηθκΛλμΞξΠπΣςτΦφχΨψΩω",
            true),
    COLLISION_FREE(Vocabulary.SORT_LABELS, false);

    private final char[] chars;
    private final boolean offsetQuirk;

    LabelSet(String chars, boolean offsetQuirk) {
        this.chars = chars.toCharArray();
        this.offsetQuirk = offsetQuirk;
    }

    /** Number of distinct labels, hence the longest array that gets distinct labels. */
    public int size() {
        return chars.length;
    }

    char charAt(int i) {
        return chars[i];
    }

    /** Draw the start offset of a cyclic run of labels. */
    int drawOffset(java.util.SplittableRandom rng) {
        if (offsetQuirk) {
            int o = rng.nextInt(chars.length + 1);
            return o == chars.length ? 0 : o;
        }
        return rng.nextInt(chars.length);
    }

    /** The config spelling: {@code reference} or {@code collision-free}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

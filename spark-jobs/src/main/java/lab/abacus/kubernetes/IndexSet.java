package lab.abacus.kubernetes;

import java.util.BitSet;

/** A Job's index list as its status writes it ({@code "1,3-5"}), e.g. {@code status.completedIndexes}. */
public final class IndexSet {

    private IndexSet() {}

    /** The indexes in {@code text}; null or blank: none. */
    public static BitSet parse(String text) {
        BitSet set = new BitSet();
        if (text == null || text.isBlank()) {
            return set;
        }
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    set.set(Integer.parseInt(p));
                } else {
                    set.set(Integer.parseInt(p.substring(0, dash)), Integer.parseInt(p.substring(dash + 1)) + 1);
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("not an index list: \"" + text + "\"", e);
            }
        }
        return set;
    }

    /** {@code set} in the same form: ascending, consecutive indexes as a range. */
    public static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        for (int i = set.nextSetBit(0); i >= 0; ) {
            int end = set.nextClearBit(i) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = set.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}

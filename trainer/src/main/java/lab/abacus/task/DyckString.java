package lab.abacus.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.abacus.hash.Hashing;

/**
 * Dyck strings of k bracket types as symbols (open type t = t, its close = k + t) and as the words Murty et al.'s
 * files use: {@code (a} .. {@code (t} open, {@code a)} .. {@code t)} close, separated by single spaces.
 *
 * <p>A string's <em>component skeletons</em> (structural-grokking §1.1) are its top-level balanced components with
 * the bracket types erased: the open/close pattern of each. The structural split is defined over them.
 */
public final class DyckString {

    /** Bracket types are the letters a..z. */
    public static final int MAX_TYPES = 26;

    private DyckString() {}

    /** The vocabulary words in id order: the k opens, then the k closes (so word i is symbol i). */
    public static List<String> words(int types) {
        List<String> words = new ArrayList<>(2 * types);
        for (int s = 0; s < 2 * types; s++) {
            words.add(word(s, types));
        }
        return words;
    }

    /** The word of one symbol. */
    public static String word(int symbol, int types) {
        char letter = (char) ('a' + symbol % types);
        return symbol < types ? "(" + letter : letter + ")";
    }

    /** The space-separated words of a string. */
    public static String text(int[] symbols, int types) {
        StringBuilder sb = new StringBuilder(symbols.length * 3);
        for (int s : symbols) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(s, types));
        }
        return sb.toString();
    }

    /** The symbols of space-separated words; fails naming the first word that is not a bracket of k types. */
    public static int[] parse(String text, int types) {
        if (text.isBlank()) {
            return new int[0];
        }
        String[] words = text.trim().split(" +", -1);
        int[] symbols = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            symbols[i] = symbol(words[i], types, i);
        }
        return symbols;
    }

    private static int symbol(String w, int types, int position) {
        if (w.length() == 2) {
            int open = w.charAt(0) == '(' ? w.charAt(1) - 'a' : -1;
            int close = w.charAt(1) == ')' ? w.charAt(0) - 'a' : -1;
            if (open >= 0 && open < types) {
                return open;
            }
            if (close >= 0 && close < types) {
                return types + close;
            }
        }
        throw new IllegalArgumentException("word " + (position + 1) + " '" + w + "' is not a bracket of " + types
                + " types ((a .. " + word(types - 1, types) + ")");
    }

    /** The deepest nesting of a string (0 for the empty string). */
    public static int maxDepth(int[] symbols, int types) {
        int depth = 0;
        int max = 0;
        for (int s : symbols) {
            depth += s < types ? 1 : -1;
            max = Math.max(max, depth);
        }
        return max;
    }

    /**
     * A 64-bit hash of each top-level component's skeleton, in order. Two components have the same hash when their
     * open/close patterns are equal, whatever their bracket types (collisions need ~4 billion distinct skeletons).
     */
    public static long[] componentSkeletons(int[] symbols, int types) {
        long[] out = new long[4];
        int n = 0;
        int depth = 0;
        long h = Hashing.SEED;
        for (int s : symbols) {
            boolean open = s < types;
            depth += open ? 1 : -1;
            h = Hashing.mix(h + (open ? 0x9E3779B97F4A7C15L : 0x632BE59BD9B4E019L));
            if (depth == 0) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = h;
                h = Hashing.SEED;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A 64-bit hash of the whole string (its identity for "not in train"). */
    public static long hash(int[] symbols) {
        long h = Hashing.mix(Hashing.SEED ^ symbols.length);
        for (int s : symbols) {
            h = Hashing.mix(h * 31 + s + 1);
        }
        return h;
    }

    /**
     * The closing brackets a model is scored on (structural-grokking §1.1): every close whose matching open bracket
     * is at least {@code minDistance} words back (the paper: 10; 0 or 1 scores every close, as the released code
     * does). Returns pairs {word index of the close, its symbol}, in order.
     */
    public static int[][] closingTargets(int[] symbols, int types, int minDistance) {
        int[] openAt = new int[symbols.length];
        int depth = 0;
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] < types) {
                openAt[depth++] = i;
            } else if (i - openAt[--depth] >= minDistance) {
                out.add(new int[] {i, symbols[i]});
            }
        }
        return out.toArray(new int[0][]);
    }
}

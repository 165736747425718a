package lab.abacus.config;

import java.util.Collection;

/**
 * The "did you mean" hint for an unknown setting key, shared by config validation and sweep axis checks so both
 * suggest the same way.
 */
public final class KeySuggestions {

    private KeySuggestions() {}

    /**
     * A message suffix for an unknown {@code key}: the nearest known key when it is close (edit distance at most
     * max(2, a third of the key)), otherwise the sorted list of known keys.
     */
    public static String suggestion(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (known keys: " + String.join(", ", known.stream().sorted().toList()) + ")";
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

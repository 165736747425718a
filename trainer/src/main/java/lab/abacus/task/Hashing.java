package lab.abacus.task;

/**
 * Small, fast, stable 64-bit hashing (FNV-style over 4-char words, SplitMix64 finaliser). Stable across JVMs and versions:
 * dataset ids, seeds and content hashes depend on it, so never change it without bumping the dataset format version.
 */
public final class Hashing {

    public static final long SEED = 0xCBF29CE484222325L;
    private static final long PRIME = 0x100000001B3L;

    private Hashing() {
    }

    /** Continue hash {@code h} over {@code length} chars, then finalise. */
    public static long chars(long h, char[] chars, int length) {
        int i = 0;
        // Four chars per step: a quarter of the multiply chain of per-char FNV (this runs once per generated row).
        for (; i + 4 <= length; i += 4) {
            long chunk = chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32 | (long) chars[i + 3] << 48;
            h = Long.rotateLeft((h ^ chunk) * PRIME, 29);
        }
        for (; i < length; i++) {
            h = (h ^ chars[i]) * PRIME;
        }
        return mix(h ^ length);
    }

    /** SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from a base seed and a path of integers (e.g. split, shard): independent streams per path. */
    public static long seed(long base, long... path) {
        long h = mix(base ^ 0x5DEECE66DL);
        for (long p : path) {
            h = mix(h + 0x9E3779B97F4A7C15L * (p + 1));
        }
        return h;
    }
}

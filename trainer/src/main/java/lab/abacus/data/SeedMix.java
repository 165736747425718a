package lab.abacus.data;

/**
 * Derives independent 64-bit seeds from a run seed and coordinates (epoch, step, purpose), so every random draw is
 * a pure function of where it happens: the basis of bit-exact resume.
 */
public final class SeedMix {

    private SeedMix() {
    }

    /** A well-mixed seed of {@code seed} and {@code parts} (SplitMix64 finaliser over a running hash). */
    public static long mix(long seed, long... parts) {
        long h = fmix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : parts) {
            h = fmix(h * 31 + fmix(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

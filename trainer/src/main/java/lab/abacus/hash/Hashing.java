package lab.abacus.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every hash the platform computes, in one place: a fast 64-bit row hash, the SplitMix64 finaliser, the two seed
 * derivations, SHA-256 for content addresses, and git's blob SHA-1 for checking downloaded files.
 *
 * <p>Stable across JVMs and versions: dataset ids, generated rows, run ids and every random draw of a training run
 * depend on these functions. Changing one changes what an existing id means, so never change one without bumping
 * the format version of what it feeds ({@code DatasetId.FORMAT_VERSION}, {@code RunConfig.FORMAT_VERSION}).
 */
public final class Hashing {

    /** FNV-1a offset basis: the starting state of {@link #chars}. */
    public static final long SEED = 0xCBF29CE484222325L;

    private static final long PRIME = 0x100000001B3L;

    private Hashing() {}

    /** Continue hash {@code h} over {@code length} chars, then finalise (FNV-style over 4-char words). */
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

    /**
     * A dataset random stream: the seed of {@code base} and a path of integers (split, shard, cell), independent
     * streams per path. Part of the dataset format: the generated rows depend on it.
     */
    public static long seed(long base, long... path) {
        long h = mix(base ^ 0x5DEECE66DL);
        for (long p : path) {
            h = mix(h + 0x9E3779B97F4A7C15L * (p + 1));
        }
        return h;
    }

    /**
     * A training random draw: the seed of a run seed and where the draw happens (purpose, step, microbatch, epoch),
     * so every draw is a pure function of its coordinates, the basis of bit-exact resume. Part of what a run id
     * means: a finished run's parameters depend on it.
     */
    public static long runSeed(long seed, long... coordinates) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : coordinates) {
            h = mix(h * 31 + mix(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** A fresh SHA-256 digest (every JDK has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}: the basis of content-addressed ids. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The id git gives a file's content ({@code git hash-object}): SHA-1 over {@code "blob <size>\0"} and the bytes.
     * Published datasets name their files by it, so a download can be checked against the repository it came from.
     */
    public static String gitBlobSha1(byte[] content) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        sha1.update(String.format(Locale.ROOT, "blob %d\0", content.length).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }
}

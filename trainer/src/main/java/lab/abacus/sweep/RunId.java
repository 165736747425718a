package lab.abacus.sweep;

import com.typesafe.config.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A run's content address: the first 16 hex digits of SHA-256 over the canonical text of its run config
 * ({@link RunConfig#canonical}) and the run format version. The same point in two sweeps is the same run.
 */
public record RunId(String value) implements Comparable<RunId> {

    /** Hex digits kept: 64 bits, so collisions need ~4 billion runs. */
    public static final int LENGTH = 16;

    public RunId {
        if (value == null || !value.matches("[0-9a-f]{" + LENGTH + "}")) {
            throw new IllegalArgumentException("not a run id: " + value);
        }
    }

    /** The id of a run config (the {@code abacus.data/model/train} sections of a resolved config). */
    public static RunId of(Config runConfig) {
        return ofCanonical(RunConfig.canonical(runConfig));
    }

    static RunId ofCanonical(String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("abacus-run/v" + RunConfig.FORMAT_VERSION + "\n" + canonical)
                    .getBytes(StandardCharsets.UTF_8));
            return new RunId(HexFormat.of().formatHex(digest).substring(0, LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int compareTo(RunId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

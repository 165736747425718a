package lab.abacus.run;

import com.typesafe.config.Config;
import lab.abacus.hash.Hashing;

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
        String hex = Hashing.sha256Hex("abacus-run/v" + RunConfig.FORMAT_VERSION + "\n" + canonical);
        return new RunId(hex.substring(0, LENGTH));
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

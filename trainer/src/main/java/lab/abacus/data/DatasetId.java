package lab.abacus.data;

import lab.abacus.config.AbacusConfig;
import lab.abacus.hash.Hashing;

/**
 * A dataset's id: {@code <task>-<12 hex>} where the hex is SHA-256 of the canonical identity config
 * ({@link DataSettings#identity()}) and {@link #FORMAT_VERSION}. Same rows ⇔ same id; bump the format version
 * whenever generation or layout changes what a given config produces.
 */
public final class DatasetId {

    /** Version of the generated rows and layout. Part of every id. */
    public static final int FORMAT_VERSION = 1;

    private DatasetId() {}

    public static String of(DataSettings settings) {
        String canonical = AbacusConfig.canonical(settings.identity().root()) + "|format=" + FORMAT_VERSION;
        return settings.task().configName() + "-" + Hashing.sha256Hex(canonical).substring(0, 12);
    }
}

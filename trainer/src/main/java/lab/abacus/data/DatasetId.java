package lab.abacus.data;

import lab.abacus.config.AbacusConfig;
import lab.abacus.hash.Hashing;

/**
 * A dataset's id: {@code <task>-<12 hex>} where the hex is SHA-256 of the canonical identity config
 * ({@link DataSettings#identity()}, or a structural task's) and {@link #FORMAT_VERSION}. Same rows ⇔ same id; bump the format version
 * whenever generation or layout changes what a given config produces.
 */
public final class DatasetId {

    /** Version of the generated rows and layout. Part of every id. */
    public static final int FORMAT_VERSION = 1;

    private DatasetId() {}

    public static String of(DataSettings settings) {
        return of(settings.task().configName(), settings.identity());
    }

    /** The id of a dataset of {@code task} whose rows are determined by {@code identity} (any task family). */
    public static String of(String task, com.typesafe.config.Config identity) {
        String canonical = AbacusConfig.canonical(identity.root()) + "|format=" + FORMAT_VERSION;
        return task + "-" + Hashing.sha256Hex(canonical).substring(0, 12);
    }
}

package lab.abacus.testing;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;

/** The team's test session settings: local[2], no UI, 2 shuffle partitions, everything on 127.0.0.1. */
public final class LocalSpark {

    private LocalSpark() {
    }

    /** A session whose SQL warehouse is a fresh temporary directory. */
    public static SparkSession start(String app) {
        try {
            return start(app, Files.createTempDirectory("abacus-warehouse"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A session whose SQL warehouse is {@code warehouse} (e.g. under the test's {@code @TempDir}). */
    public static SparkSession start(String app, Path warehouse) {
        return SparkSession.builder().master("local[2]").appName(app)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", warehouse.toString())
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}

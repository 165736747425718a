package lab.abacus.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The team's test session settings: local[2], no UI, 2 shuffle partitions, everything on 127.0.0.1. */
public final class LocalSpark {

    private LocalSpark() {}

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
        return SparkSession.builder().config(conf(app, warehouse)).getOrCreate();
    }

    /** The settings of {@link #start(String)}, for a test that adds its own before the session starts. */
    public static SparkConf conf(String app) {
        try {
            return conf(app, Files.createTempDirectory("abacus-warehouse"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SparkConf conf(String app, Path warehouse) {
        return new SparkConf()
                .setMaster("local[2]")
                .setAppName(app)
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.default.parallelism", "2")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.warehouse.dir", warehouse.toString())
                .set("spark.sql.session.timeZone", "UTC");
    }
}

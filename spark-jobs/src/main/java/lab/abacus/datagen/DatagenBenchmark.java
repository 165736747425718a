package lab.abacus.datagen;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import lab.abacus.config.AbacusConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Benchmark (prints figures; not a test): time the reference's 20x20 addition training split to Parquet through
 * {@link GenerateDatasetsJob} on {@code local[*]}, after a 1M-row warm-up run, and print rows/s and bytes.
 *
 * <p>Run from the repository root ({@code bin/abacus} builds what it needs and passes Spark's Java 17 options):
 * <pre>
 * bin/abacus bench datagen [rows=20000000] [root=target/datagen-bench] [compression=snappy] [shards=32]
 * </pre>
 * Arguments are optional {@code key=value} pairs. The dataset stays under {@code root} so its size can be inspected.
 */
public final class DatagenBenchmark {

    private DatagenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 20_000_000L;
        String root = "target/datagen-bench";
        String compression = "snappy";
        int shards = 32;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "rows" -> rows = Long.parseLong(kv[1]);
                case "root" -> root = kv[1];
                case "compression" -> compression = kv[1];
                case "shards" -> shards = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (rows, root, compression, shards)");
            }
        }
        SparkSession spark = SparkSession.builder().master("local[*]").appName("datagen-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Path datasets = new Path(new java.io.File(root).getAbsoluteFile().toURI().toString(), "datasets");
            FileSystem fs = datasets.getFileSystem(new Configuration());
            fs.delete(datasets, true);
            System.out.printf(Locale.ROOT, "datagen benchmark: addition 20x20, %,d train rows, %s, %d shards, %d cores%n",
                    rows, compression, shards, Runtime.getRuntime().availableProcessors());
            DatagenSummary warm = GenerateDatasetsJob.run(spark, config(root, 1_000_000L, 7, compression, shards),
                    new PrintStream(new ByteArrayOutputStream()));
            System.out.printf(Locale.ROOT, "warm-up: %,d rows in %.2f s (%,.0f rows/s)%n", warm.trainRows(),
                    warm.seconds(), warm.trainRows() / warm.seconds());
            fs.delete(datasets, true);

            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long cpu0 = processCpuNanos();
            DatagenSummary s = GenerateDatasetsJob.run(spark, config(root, rows, 42, compression, shards), System.out);
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            long bytes = s.manifest().train().bytes();
            System.out.println(s.render());
            // Wall-clock rows/s depends on what else runs on the machine; rows per CPU-second of this JVM (all its
            // threads: Spark, GC, writers) does not, and times the core count gives the figure for idle cores.
            System.out.printf(Locale.ROOT, "RESULT rows=%d seconds=%.2f rows_per_s=%.0f bytes=%d bytes_per_row=%.1f "
                            + "process_cpu_s=%.1f rows_per_cpu_s=%.0f load_avg_before=%.1f path=%s%n",
                    s.trainRows(), s.seconds(), s.trainRows() / s.seconds(), bytes, (double) bytes / s.trainRows(),
                    cpu, s.trainRows() / cpu, load, s.path());
        } finally {
            spark.stop();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Config config(String root, long rows, long seed, String compression, int shards) {
        return AbacusConfig.fromLayers(ConfigFactory.parseString("abacus { storage.root = \"" + root + "\"\n"
                + "data { task = addition, train { len-a = 20, len-b = 20, rows = " + rows + " }, seed = " + seed
                + ", eval { len-a-to = 0, len-b-to = 0, diagonal-to = 0 }, shards = " + shards + ", eval-shards = 1"
                + ", compression = " + compression + " } }"));
    }
}

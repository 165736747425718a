package lab.abacus.bench.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.config.AbacusConfig;
import lab.abacus.console.LineStream;
import lab.abacus.datagen.DatagenSummary;
import lab.abacus.datagen.GenerateDatasetsJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Benchmark (prints figures; not a test): time the reference's 20x20 addition training split to Parquet through
 * {@link GenerateDatasetsJob} on {@code local[*]}, after a 1M-row warm-up run, and print rows/s and bytes.
 *
 * <pre>
 * bin/abacus bench datagen [--rows 20000000] [--root target/datagen-bench] [--compression snappy] [--shards 32]
 * </pre>
 * The dataset stays under {@code --root} so its size can be inspected.
 */
@Command(
        name = "datagen",
        mixinStandardHelpOptions = true,
        description = "Dataset generation rows/s (20x20 addition train split, local[*]).")
public final class DatagenBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", description = "Training rows (default ${DEFAULT-VALUE}).")
    long rows = 20_000_000L;

    @Option(names = "--root", description = "Storage root of the benchmark dataset (default ${DEFAULT-VALUE}).")
    String root = "target/datagen-bench";

    @Option(names = "--compression", description = "snappy | zstd | gzip | uncompressed (default ${DEFAULT-VALUE}).")
    String compression = "snappy";

    @Option(names = "--shards", description = "Logical shards (default ${DEFAULT-VALUE}).")
    int shards = 32;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || shards < 1) {
            throw new ParameterException(spec.commandLine(), "--rows and --shards must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        SparkSession spark = SparkSession.builder()
                .master("local[*]")
                .appName("datagen-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Config warmConfig = config(root, 1_000_000L, 7, compression, shards);
            Path datasets =
                    new Path(new java.io.File(root).getAbsoluteFile().toURI().toString(), "datasets");
            FileSystem fs = datasets.getFileSystem(new Configuration());
            fs.delete(datasets, true);
            out.printf(
                    Locale.ROOT,
                    "datagen benchmark: addition 20x20, %,d train rows, %s, %d shards, %d cores%n",
                    rows,
                    compression,
                    shards,
                    Runtime.getRuntime().availableProcessors());
            DatagenSummary warm =
                    GenerateDatasetsJob.run(spark, warmConfig, new PrintStream(new ByteArrayOutputStream()));
            out.printf(
                    Locale.ROOT,
                    "warm-up: %,d rows in %.2f s (%,.0f rows/s)%n",
                    warm.trainRows(),
                    warm.seconds(),
                    warm.trainRows() / warm.seconds());
            fs.delete(datasets, true);

            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long cpu0 = processCpuNanos();
            DatagenSummary s =
                    GenerateDatasetsJob.run(spark, config(root, rows, 42, compression, shards), LineStream.onto(out));
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            long bytes = s.manifest().train().bytes();
            out.println(s.render());
            // Wall-clock rows/s depends on what else runs on the machine; rows per CPU-second of this JVM (all its
            // threads: Spark, GC, writers) does not, and times the core count gives the figure for idle cores.
            out.printf(
                    Locale.ROOT,
                    "RESULT rows=%d seconds=%.2f rows_per_s=%.0f bytes=%d bytes_per_row=%.1f "
                            + "process_cpu_s=%.1f rows_per_cpu_s=%.0f load_avg_before=%.1f path=%s%n",
                    s.trainRows(),
                    s.seconds(),
                    s.trainRows() / s.seconds(),
                    bytes,
                    (double) bytes / s.trainRows(),
                    cpu,
                    s.trainRows() / cpu,
                    load,
                    s.path());
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Config config(String root, long rows, long seed, String compression, int shards) {
        return AbacusConfig.fromLayers(ConfigFactory.parseString("abacus { storage.root = \"" + root + "\"\n"
                + "data { task = addition, train { len-a = 20, len-b = 20, rows = " + rows + " }, seed = " + seed
                + ", eval { len-a-to = 0, len-b-to = 0, diagonal-to = 0 }, shards = " + shards + ", eval-shards = 1"
                + ", compression = " + compression + " } }"));
    }
}

package lab.abacus.grid;

import com.typesafe.config.Config;
import lab.abacus.config.AbacusConfig;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.storage.Storage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The grid job as a benchmark (prints figures): writes a synthetic addition eval split (the grid's cells, n problems
 * each) under a temporary root, evaluates it with a random-weight model (decoding cost does not depend on the
 * weights) on whatever master the session has, and prints per-partition predicted cost and measured time, their
 * max/mean ratios, wall time and problems/s. Run it locally or through spark-submit on a cluster:
 * <pre>
 *   spark-submit --class lab.abacus.grid.GridSparkBenchmark --jars pytorch-native-cpu-*.jar \
 *       abacus-spark-jobs-&lt;v&gt;-all.jar [--grid 30x30] [--samples 20] [--partitions 20] [--threads 1]
 *       [--recompute] [model.key=value ...]
 * </pre>
 * Without spark-submit it starts {@code local[*]} (or {@code --master URL}).
 */
public final class GridSparkBenchmark {

    private GridSparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lenA = 30;
        int lenB = 30;
        int samples = 20;
        int partitions = 20;
        int threads = 1;
        String master = null;
        GreedyDecoder.Method method = GreedyDecoder.Method.KV_CACHE;
        List<String> model = new ArrayList<>(List.of("hidden=64", "intermediate=128", "heads=2", "layers=2",
                "architecture=standard", "embedding=abacus"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--grid" -> {
                    String[] ab = args[++i].split("x");
                    lenA = Integer.parseInt(ab[0]);
                    lenB = Integer.parseInt(ab[1]);
                }
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--master" -> master = args[++i];
                case "--recompute" -> method = GreedyDecoder.Method.RECOMPUTE;
                default -> {
                    if (!args[i].startsWith("model.")) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    model.add(args[i].substring("model.".length()));
                }
            }
        }
        SparkSession.Builder b = SparkSession.builder().appName("abacus grid benchmark");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        Path root = Files.createTempDirectory("abacus-grid-bench");
        try {
            Storage storage = Storage.open(root.toUri().toString(), spark.sparkContext().hadoopConfiguration());
            writeEvalSplit(spark, storage, lenA, lenB, samples);
            Config c = AbacusConfig.load(null, List.of("eval.samples-per-cell=" + samples,
                    "eval.partitions=" + partitions, "eval.flush-cells=1000", "eval.progress-seconds=30"));
            EvalSettings es = EvalSettings.from(c);
            GridSpec grid = GridSpec.rectangle("addition", lenA, lenB);
            System.out.printf(Locale.ROOT, "grid benchmark: master %s, default parallelism %d, grid %dx%d, %d samples"
                            + "/cell, %d partitions, %s, model %s%n", spark.sparkContext().master(),
                    spark.sparkContext().defaultParallelism(), lenA, lenB, samples, partitions, method, model);
            EvaluateGridJob.Result r = EvaluateGridJob.run(spark, storage, new EvaluateGridJob.Request("bench",
                    "bench", grid, es, new InDistribution(20, 20), RandomModelLoader.of(model, method, threads)));
            for (EvaluateGridJob.PartitionReport p : r.partitions()) {
                System.out.printf(Locale.ROOT, "  partition %2d: %4d cells, predicted cost %.4g, measured %.2f s%n",
                        p.index(), p.cells(), p.predictedCost(), p.seconds());
            }
            long problems = (long) grid.cells().size() * samples;
            System.out.printf(Locale.ROOT, "grid benchmark: %d cells, %d problems in %.1f s (%.1f problems/s); "
                            + "partition cost max/mean predicted %.4f, time max/mean measured %.4f%n",
                    grid.cells().size(), problems, r.seconds(), problems / r.seconds(), r.predictedImbalance(),
                    r.measuredImbalance());
        } finally {
            spark.stop();
            deleteRecursively(root);
        }
    }

    /** {@code <root>/datasets/bench/eval}: the grid's addition cells with exact operand lengths. */
    static void writeEvalSplit(SparkSession spark, Storage storage, int lenA, int lenB, int samples) {
        StructType schema = new StructType().add("len_a", DataTypes.IntegerType).add("len_b", DataTypes.IntegerType)
                .add("prompt", DataTypes.StringType).add("answer", DataTypes.StringType)
                .add("sample", DataTypes.IntegerType);
        Random rng = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int a = 1; a <= lenA; a++) {
            for (int b = 1; b <= lenB; b++) {
                for (CellProblems.Problem p : GridBenchmark.additionCell(a, b, samples, rng).problems()) {
                    rows.add(RowFactory.create(a, b, p.prompt(), p.answer(), p.sample()));
                }
            }
        }
        spark.createDataFrame(rows, schema).repartition(4).write().parquet(storage.dataset("bench") + "/eval");
    }

    private static void deleteRecursively(Path p) throws java.io.IOException {
        if (Files.isDirectory(p)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteRecursively(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}

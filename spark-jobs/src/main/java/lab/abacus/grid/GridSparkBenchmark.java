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
 *   bin/abacus bench grid-spark [--master 'local[2]'] [--grid 30x30] [--samples 20] [--partitions 20] [--threads 1]
 *       [--recompute] [model.key=value ...]
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
        String overhead = null;
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
                case "--step-overhead" -> overhead = args[++i];
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
            List<String> evalSettings = new ArrayList<>(List.of("eval.samples-per-cell=" + samples,
                    "eval.partitions=" + partitions, "eval.flush-cells=1000", "eval.progress-seconds=30"));
            if (overhead != null) {
                evalSettings.add("eval.step-overhead=" + overhead);
            }
            Config c = AbacusConfig.load(null, evalSettings);
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
            fitCostModel(spark, storage, es.stepOverhead());
        } finally {
            spark.stop();
            deleteRecursively(root);
        }
    }

    /**
     * Least-squares fit of the cells' measured decode time to the cost model's two terms (token work, decode steps),
     * no intercept: prints the implied step overhead in token-equivalents and how well the configured model predicts
     * cell times (R²).
     */
    static void fitCostModel(SparkSession spark, Storage storage, double configuredOverhead) {
        List<Row> cells = lab.abacus.sql.TableViews.raw(spark, storage, lab.abacus.sql.TableSchemas.EVAL_CELLS)
                .select("task", "len_a", "len_b", "n", "decode_s").collectAsList();
        double s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
        double[][] x = new double[cells.size()][];
        double[] y = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            Row r = cells.get(i);
            x[i] = DecodeCost.terms(new GridCell(r.getString(0), r.getInt(1), r.getInt(2)), r.getInt(3));
            y[i] = r.getDouble(4);
            s11 += x[i][0] * x[i][0];
            s12 += x[i][0] * x[i][1];
            s22 += x[i][1] * x[i][1];
            s1y += x[i][0] * y[i];
            s2y += x[i][1] * y[i];
        }
        double det = s11 * s22 - s12 * s12;
        if (cells.size() < 3 || det == 0) {
            return;
        }
        double alpha = (s1y * s22 - s2y * s12) / det;
        double beta = (s2y * s11 - s1y * s12) / det;
        double r2Configured = r2(x, y, configuredOverhead);
        double r2Fitted = r2(x, y, beta / alpha);
        System.out.printf(Locale.ROOT, "cost fit over %d cells: %.3g s per token-position, %.3g s per decode step "
                        + "-> step overhead %.0f token-equivalents (R² %.3f); configured %.0f (R² %.3f)%n",
                cells.size(), alpha, beta, beta / alpha, r2Fitted, configuredOverhead, r2Configured);
    }

    /** R² of cell times against {@code k × cost} with the best scale k, for a given step overhead. */
    private static double r2(double[][] x, double[] y, double overhead) {
        double sp = 0;
        double pp = 0;
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            double p = x[i][0] + overhead * x[i][1];
            sp += p * y[i];
            pp += p * p;
            mean += y[i] / y.length;
        }
        double k = sp / pp;
        double ssr = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - k * (x[i][0] + overhead * x[i][1]);
            ssr += e * e;
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssr / sst;
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

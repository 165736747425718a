package lab.abacus.bench.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import lab.abacus.bench.Bench;
import lab.abacus.bench.RandomModelLoader;
import lab.abacus.bench.SyntheticAddition;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.DecodeCost;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.grid.InDistribution;
import lab.abacus.gridjob.EvaluateGridJob;
import lab.abacus.sql.TableSchemas;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.Problem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The grid job as a benchmark (prints figures): writes a synthetic addition eval split (the grid's cells, n problems
 * each) under a temporary root, evaluates it with a random-weight model (decoding cost does not depend on the
 * weights) on whatever master the session has, and prints per-partition predicted cost and measured time, their
 * max/mean ratios, wall time and problems/s. Run it locally or through spark-submit on a cluster:
 * <pre>
 *   bin/abacus bench grid-spark [--master 'local[2]'] [--grid 30x30] [--samples 20] [--partitions 20] [--threads 1]
 *       [--step-overhead 4096] [--recompute] [--set model.key=value ...]
 *   spark-submit --class lab.abacus.cli.AbacusMain --jars pytorch-native-cpu-*.jar \
 *       abacus-spark-jobs-&lt;v&gt;-all.jar bench grid-spark [--grid 30x30] ...
 * </pre>
 * Without spark-submit it starts {@code local[*]} (or {@code --master URL}).
 */
@Command(
        name = "grid-spark",
        mixinStandardHelpOptions = true,
        description = "The grid job on Spark: measured vs predicted partition cost, and a fit of the cost model.")
public final class GridSparkBenchmark implements Callable<Integer> {

    /** The small model the benchmark decodes with unless {@code --set} says otherwise. */
    static final List<String> MODEL = List.of(
            "model.hidden=64",
            "model.intermediate=128",
            "model.heads=2",
            "model.layers=2",
            "model.architecture=standard",
            "model.embedding=abacus");

    @Spec
    CommandSpec spec;

    @Option(names = "--grid", paramLabel = "AxB", description = "Grid 1..A x 1..B (default ${DEFAULT-VALUE}).")
    String grid = "30x30";

    @Option(names = "--samples", description = "Problems per cell (default ${DEFAULT-VALUE}).")
    int samples = 20;

    @Option(names = "--partitions", description = "Partitions (default ${DEFAULT-VALUE}).")
    int partitions = 20;

    @Option(names = "--threads", description = "libtorch threads per task (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--master", description = "Spark master when not under spark-submit (default local[*]).")
    String master;

    @Option(names = "--step-overhead", description = "The cost model's step overhead (default: reference.conf).")
    Double overhead;

    @Option(names = "--recompute", description = "Decode by re-running the prefix instead of the KV cache.")
    boolean recompute;

    @Mixin
    ConfigOverrides model;

    @Override
    public Integer call() throws Exception {
        int[] ab = Bench.cell(spec, grid);
        Bench.require(
                spec,
                samples >= 1 && partitions >= 1 && threads >= 1,
                "--samples, --partitions and --threads must be >= 1");
        GreedyDecoder.Method method = recompute ? GreedyDecoder.Method.RECOMPUTE : GreedyDecoder.Method.KV_CACHE;
        RandomModelLoader loader = RandomModelLoader.of(MODEL, model.values(), method, threads);
        SparkSession.Builder b = SparkSession.builder().appName("abacus grid benchmark");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        Path root = Files.createTempDirectory("abacus-grid-bench");
        try {
            Storage storage = StorageRef.of(root.toUri().toString()).open();
            writeEvalSplit(spark, storage, ab[0], ab[1], samples);
            run(spark, storage, GridSpec.rectangle("addition", ab[0], ab[1]), loader);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
            deleteRecursively(root);
        }
    }

    private void run(SparkSession spark, Storage storage, GridSpec g, RandomModelLoader loader) {
        PrintWriter out = spec.commandLine().getOut();
        List<String> evalSettings = new ArrayList<>(List.of(
                "eval.samples-per-cell=" + samples,
                "eval.partitions=" + partitions,
                "eval.flush-cells=1000",
                "eval.progress-seconds=30"));
        if (overhead != null) {
            evalSettings.add("eval.step-overhead=" + overhead);
        }
        EvalSettings es = EvalSettings.from(AbacusConfig.load(null, evalSettings));
        out.printf(
                Locale.ROOT,
                "grid benchmark: master %s, default parallelism %d, grid %dx%d, %d samples/cell, %d"
                        + " partitions, %s, model %s%n",
                spark.sparkContext().master(),
                spark.sparkContext().defaultParallelism(),
                g.aMax(),
                g.bMax(),
                samples,
                partitions,
                loader.method(),
                loader.overrides());
        EvaluateGridJob.Result r = EvaluateGridJob.run(
                spark,
                storage,
                new EvaluateGridJob.Request("bench", "bench", g, es, new InDistribution(20, 20), loader));
        for (EvaluateGridJob.PartitionReport p : r.partitions()) {
            out.printf(
                    Locale.ROOT,
                    "  partition %2d: %4d cells, predicted cost %.4g, measured %.2f s%n",
                    p.index(),
                    p.cells(),
                    p.predictedCost(),
                    p.seconds());
        }
        long problems = (long) g.cells().size() * samples;
        out.printf(
                Locale.ROOT,
                "grid benchmark: %d cells, %d problems in %.1f s (%.1f problems/s); partition cost"
                        + " max/mean predicted %.4f, time max/mean measured %.4f%n",
                g.cells().size(),
                problems,
                r.seconds(),
                problems / r.seconds(),
                r.predictedImbalance(),
                r.measuredImbalance());
        fitCostModel(out, spark, storage, es.stepOverhead());
    }

    /**
     * Least-squares fit of the cells' measured decode time to the cost model's two terms (token work, decode steps),
     * no intercept: prints the implied step overhead in token-equivalents and how well the configured model predicts
     * cell times (R²).
     */
    static void fitCostModel(PrintWriter out, SparkSession spark, Storage storage, double configuredOverhead) {
        List<Row> cells = TableViews.raw(spark, storage, TableSchemas.EVAL_CELLS)
                .select("task", "len_a", "len_b", "n", "decode_s")
                .collectAsList();
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
        out.printf(
                Locale.ROOT,
                "cost fit over %d cells: %.3g s per token-position, %.3g s per decode step "
                        + "-> step overhead %.0f token-equivalents (R² %.3f); configured %.0f (R² %.3f)%n",
                cells.size(),
                alpha,
                beta,
                beta / alpha,
                r2Fitted,
                configuredOverhead,
                r2Configured);
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
        StructType schema = new StructType()
                .add("len_a", DataTypes.IntegerType)
                .add("len_b", DataTypes.IntegerType)
                .add("prompt", DataTypes.StringType)
                .add("answer", DataTypes.StringType)
                .add("sample", DataTypes.IntegerType);
        Random rng = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int a = 1; a <= lenA; a++) {
            for (int b = 1; b <= lenB; b++) {
                int sample = 0;
                for (Problem p : SyntheticAddition.problems(a, b, samples, rng.nextLong())) {
                    rows.add(RowFactory.create(a, b, p.prompt(), p.answer(), sample++));
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

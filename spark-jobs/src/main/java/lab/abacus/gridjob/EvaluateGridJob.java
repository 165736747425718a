package lab.abacus.gridjob;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.grid.CellDecoder;
import lab.abacus.grid.CellPacker;
import lab.abacus.grid.CellProblems;
import lab.abacus.grid.DecodeCost;
import lab.abacus.grid.EvalCellsWriter;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.grid.InDistribution;
import lab.abacus.grid.PartitionEvaluator;
import lab.abacus.lease.Lease;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.lease.Leases.Kind;
import lab.abacus.model.EvalVariant;
import lab.abacus.spark.StageResources;
import lab.abacus.sql.TableSchemas;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.TaskKind;
import lab.abacus.task.Vocabulary;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * EvaluateGrid: a run's checkpoint × a task grid → {@code tables/eval_cells}.
 *
 * <ol>
 *   <li>Cells the run already has in {@code eval_cells} are skipped: re-running does nothing, an interrupted grid
 *       resumes with the missing cells only.</li>
 *   <li>The missing cells are packed by predicted decode cost ({@link CellPacker}) into partitions.</li>
 *   <li>The cells' problems (the first {@code samples-per-cell} samples of each cell in the dataset's eval split)
 *       are shuffled to their cell's partition; each partition opens the model once, decodes and scores its cells
 *       ({@link PartitionEvaluator}) and writes them every {@code flush-cells} cells as one atomic table file.</li>
 * </ol>
 * Each partition's predicted cost and measured time are logged and returned.
 */
public final class EvaluateGridJob {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateGridJob.class);

    private EvaluateGridJob() {}

    /**
     * What to evaluate.
     *
     * @param inDistribution the training lengths, or null to read them from the dataset's train split (unless the
     *                       settings give them)
     * @param variant        how the model is run ({@link EvalSettings#variantFor}); its cells are its own rows
     */
    public record Request(
            String runId,
            String datasetId,
            GridSpec grid,
            EvalSettings settings,
            InDistribution inDistribution,
            EvalVariant variant,
            CellDecoder.Loader loader) {

        /** A request for a model that is not looped, evaluated as trained (one recurrence, no noise). */
        public Request(
                String runId,
                String datasetId,
                GridSpec grid,
                EvalSettings settings,
                InDistribution inDistribution,
                CellDecoder.Loader loader) {
            this(runId, datasetId, grid, settings, inDistribution, new EvalVariant(1, false), loader);
        }
    }

    /** One partition: its cells, predicted cost and the measured wall time of its task. */
    public record PartitionReport(int index, int cells, double predictedCost, double seconds) implements Serializable {}

    /** What the job did. */
    public record Result(
            int gridCells, int alreadyDone, int evaluated, List<PartitionReport> partitions, double seconds) {

        public double predictedImbalance() {
            return ratio(partitions.stream()
                    .mapToDouble(PartitionReport::predictedCost)
                    .toArray());
        }

        public double measuredImbalance() {
            return ratio(
                    partitions.stream().mapToDouble(PartitionReport::seconds).toArray());
        }

        private static double ratio(double[] v) {
            if (v.length == 0) {
                return 1.0;
            }
            double max = 0;
            double sum = 0;
            for (double x : v) {
                max = Math.max(max, x);
                sum += x;
            }
            return sum == 0 ? 1.0 : max / (sum / v.length);
        }
    }

    /** One eval row on its way to its cell's partition. */
    record ProblemRow(int lenA, int lenB, int sample, String prompt, String answer) implements Serializable {}

    /**
     * The missing cells packed into partitions: partition of each cell, cells of each partition, predicted costs.
     */
    record Packing(
            List<CellPacker.Bin> bins,
            Map<Long, Integer> binOfCell,
            Map<Integer, List<GridCell>> cellsOfBin,
            double totalCost) {

        static Packing of(List<GridCell> missing, EvalSettings settings) {
            List<CellPacker.Bin> bins =
                    new CellPacker(settings.cost()).pack(missing, settings.samplesPerCell(), settings.partitions());
            Map<Long, Integer> binOfCell = new HashMap<>();
            Map<Integer, List<GridCell>> cellsOfBin = new HashMap<>();
            double totalCost = 0;
            for (CellPacker.Bin b : bins) {
                b.cells().forEach(c -> binOfCell.put(key(c.lenA(), c.lenB()), b.index()));
                cellsOfBin.put(b.index(), b.cells());
                totalCost += b.predictedCost();
                LOG.info(String.format(
                        Locale.ROOT,
                        "partition %d: %d cells, predicted cost %.3g",
                        b.index(),
                        b.cells().size(),
                        b.predictedCost()));
            }
            LOG.info(String.format(
                    Locale.ROOT,
                    "packed %d cells into %d partitions, predicted max/mean cost %.4f",
                    missing.size(),
                    bins.size(),
                    CellPacker.imbalance(bins)));
            return new Packing(bins, binOfCell, cellsOfBin, totalCost);
        }

        double predicted(int bin) {
            return bins.get(bin).predictedCost();
        }
    }

    /**
     * Evaluate the run's missing grid cells: skip what {@code eval_cells} has, pack the rest by cost, decode and
     * score them partition by partition.
     */
    public static Result run(SparkSession spark, Storage storage, Request req) {
        return run(spark, storage, new Leases(storage, LeaseSettings.from(AbacusConfig.defaults())), req);
    }

    /**
     * {@link #run(SparkSession, Storage, Request)} under the grid's lease: a process evaluating the same grid is
     * waited for, and then only the cells it did not get to are evaluated.
     */
    public static Result run(SparkSession spark, Storage storage, Leases leases, Request req) {
        String id = req.runId() + "-" + req.grid().task() + "-" + req.variant().label();
        try (Lease lease = leases.acquire(
                        Kind.GRID,
                        id,
                        "evaluating",
                        Duration.ofDays(1),
                        holder -> LOG.info(
                                "grid {} is being evaluated by {}: waiting", id, holder.describe(Instant.now())))
                .orElseThrow(() -> new IllegalStateException(
                        "grid " + id + " was still being evaluated by another process after a day"))) {
            return evaluateMissing(spark, storage, req);
        }
    }

    private static Result evaluateMissing(SparkSession spark, Storage storage, Request req) {
        long t0 = System.nanoTime();
        Dataset<Row> eval = evalRows(spark, storage, req);
        List<GridCell> gridCells = coveredCells(eval, req.grid(), req.settings().samplesPerCell(), req.datasetId());
        Set<GridCell> done =
                existingCells(spark, storage, req.runId(), req.grid().task(), req.variant());
        List<GridCell> missing =
                gridCells.stream().filter(c -> !done.contains(c)).toList();
        LOG.info(
                "grid {} for run {}: {} cells, {} already in eval_cells, {} to evaluate",
                req.grid().task(),
                req.runId(),
                gridCells.size(),
                gridCells.size() - missing.size(),
                missing.size());
        if (missing.isEmpty()) {
            return new Result(gridCells.size(), gridCells.size(), 0, List.of(), (System.nanoTime() - t0) / 1e9);
        }
        InDistribution id = inDistribution(spark, storage, req);
        Packing packing = Packing.of(missing, req.settings());
        List<PartitionReport> reports = evaluate(spark, storage, req, eval, packing, id, missing.size());
        Result result = new Result(
                gridCells.size(),
                gridCells.size() - missing.size(),
                missing.size(),
                reports,
                (System.nanoTime() - t0) / 1e9);
        LOG.info(String.format(
                Locale.ROOT,
                "grid done: %d cells in %.1f s; partition cost max/mean predicted %.4f,"
                        + " time max/mean measured %.4f",
                missing.size(),
                result.seconds(),
                result.predictedImbalance(),
                result.measuredImbalance()));
        return result;
    }

    /** The first {@code samples-per-cell} problems of every cell of the dataset's eval split. */
    private static Dataset<Row> evalRows(SparkSession spark, Storage storage, Request req) {
        Path evalDir = new Path(storage.dataset(req.datasetId()), "eval");
        if (!storage.exists(evalDir)) {
            throw new ConfigError("dataset " + req.datasetId() + " has no eval split at " + evalDir
                    + " (generate it with `abacus datagen`)");
        }
        return spark.read()
                .parquet(evalDir.toString())
                .where(functions.col("sample").lt(req.settings().samplesPerCell()))
                .select("len_a", "len_b", "sample", "prompt", "answer");
    }

    /**
     * The Spark job: every eval row goes to its cell's partition, where a {@link PartitionEvaluator} opens the model
     * once and writes rows every {@code flush-cells} cells. Progress is logged while it runs; returns each
     * partition's predicted cost and measured time.
     */
    private static List<PartitionReport> evaluate(
            SparkSession spark,
            Storage storage,
            Request req,
            Dataset<Row> eval,
            Packing packing,
            InDistribution id,
            int missing) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<Long, Integer>> binOf = jsc.broadcast(packing.binOfCell());
        Broadcast<Map<Integer, List<GridCell>>> cellsOf = jsc.broadcast(packing.cellsOfBin());
        LongAccumulator cellsDone = spark.sparkContext().longAccumulator("grid cells done");
        LongAccumulator costDone = spark.sparkContext().longAccumulator("grid predicted cost done");
        PartitionTask task = new PartitionTask(
                storage.ref(),
                req.runId(),
                req.grid().task(),
                id,
                req.variant(),
                req.settings(),
                req.loader(),
                cellsOf,
                cellsDone,
                costDone);
        JavaPairRDD<Integer, ProblemRow> cells = eval.javaRDD()
                .map(r -> new ProblemRow(r.getInt(0), r.getInt(1), r.getInt(2), r.getString(3), r.getString(4)))
                .filter(p -> binOf.value().containsKey(key(p.lenA(), p.lenB())))
                .mapToPair(p -> new Tuple2<>(binOf.value().get(key(p.lenA(), p.lenB())), p))
                .partitionBy(new BinPartitioner(packing.bins().size()));
        // One GPU per grid task where the executors have GPUs (eval.gpus-per-task); the task decodes on it.
        ResourceProfile profile = StageResources.profile(
                spark.sparkContext(),
                req.settings().gpusPerTask(),
                req.settings().threads(),
                0,
                "",
                "grid");
        if (profile != null) {
            cells = JavaPairRDD.fromJavaRDD(cells.rdd().toJavaRDD().withResources(profile));
        }
        JavaRDD<PartitionReport> reports = cells.mapPartitionsWithIndex(task, false);
        List<PartitionReport> measured;
        spark.sparkContext()
                .setJobDescription(
                        "EvaluateGrid " + req.grid().task() + " run " + req.runId() + ": " + missing + " cells");
        try (GridProgress progress = new GridProgress(
                cellsDone,
                costDone,
                missing,
                packing.totalCost(),
                req.settings().progressSeconds())) {
            spark.sparkContext().addSparkListener(progress);
            try {
                measured = new ArrayList<>(reports.collect());
            } finally {
                spark.sparkContext().removeSparkListener(progress);
                spark.sparkContext().setJobDescription(null);
            }
        }
        // Listener events arrive asynchronously; the accumulators are exact once the job has finished.
        LOG.info(String.format(Locale.ROOT, "grid: %d/%d cells done", cellsDone.value(), missing));
        measured.sort(Comparator.comparingInt(PartitionReport::index));
        List<PartitionReport> out = new ArrayList<>();
        for (PartitionReport m : measured) {
            PartitionReport r = new PartitionReport(m.index(), m.cells(), packing.predicted(m.index()), m.seconds());
            out.add(r);
            LOG.info(String.format(
                    Locale.ROOT,
                    "partition %d: %d cells, predicted cost %.3g, measured %.2f s",
                    r.index(),
                    r.cells(),
                    r.predictedCost(),
                    r.seconds()));
        }
        return out;
    }

    /** What one partition's task does: group its rows into cells, evaluate them, report its measured time. */
    private record PartitionTask(
            StorageRef storage,
            String runId,
            String task,
            InDistribution inDistribution,
            EvalVariant variant,
            EvalSettings settings,
            CellDecoder.Loader loader,
            Broadcast<Map<Integer, List<GridCell>>> cellsOf,
            LongAccumulator cellsDone,
            LongAccumulator costDone)
            implements Function2<Integer, Iterator<Tuple2<Integer, ProblemRow>>, Iterator<PartitionReport>> {

        @Override
        public Iterator<PartitionReport> call(Integer index, Iterator<Tuple2<Integer, ProblemRow>> rows) {
            long start = System.nanoTime();
            List<CellProblems> cells = group(task, cellsOf.value().get(index), rows);
            EvalCellsWriter writer = new EvalCellsWriter(storage.open());
            Vocabulary vocab = TaskKind.fromConfigName(task).vocabulary();
            PartitionEvaluator pe = new PartitionEvaluator(
                    runId, variant, vocab, inDistribution, settings.batchSize(), settings.flushCells());
            DecodeCost cost = settings.cost();
            Integer gpu = StageResources.assignedGpu(TaskContext.get());
            pe.run(cells, gpu == null ? loader : loader.onGpu(gpu), writer::write, row -> {
                cellsDone.add(1);
                costDone.add(Math.round(cost.of(row.cell(), row.n())));
            });
            double secs = (System.nanoTime() - start) / 1e9;
            return List.of(new PartitionReport(index, cells.size(), 0, secs)).iterator();
        }
    }

    static long key(int lenA, int lenB) {
        return ((long) lenA << 32) | (lenB & 0xffffffffL);
    }

    /** The partition's rows grouped into its cells (in the bin's order), problems sorted by sample. */
    static List<CellProblems> group(String task, List<GridCell> cells, Iterator<Tuple2<Integer, ProblemRow>> rows) {
        Map<Long, TreeMap<Integer, CellProblems.Problem>> byCell = new HashMap<>();
        while (rows.hasNext()) {
            ProblemRow p = rows.next()._2();
            byCell.computeIfAbsent(key(p.lenA(), p.lenB()), k -> new TreeMap<>())
                    .put(p.sample(), new CellProblems.Problem(p.sample(), p.prompt(), p.answer()));
        }
        List<CellProblems> out = new ArrayList<>();
        if (cells == null) {
            return out;
        }
        for (GridCell c : cells) {
            TreeMap<Integer, CellProblems.Problem> ps = byCell.get(key(c.lenA(), c.lenB()));
            if (ps != null) {
                out.add(new CellProblems(new GridCell(task, c.lenA(), c.lenB()), List.copyOf(ps.values())));
            }
        }
        return out;
    }

    /** Cells of {@code runId}'s {@code task} already in eval_cells for {@code variant}. */
    static Set<GridCell> existingCells(
            SparkSession spark, Storage storage, String runId, String task, EvalVariant variant) {
        Set<GridCell> out = new HashSet<>();
        Dataset<Row> df = TableViews.raw(spark, storage, TableSchemas.EVAL_CELLS)
                .where(functions
                        .col("run_id")
                        .equalTo(runId)
                        .and(functions.col("task").equalTo(task))
                        .and(functions.col("eval_recurrences").equalTo(variant.recurrences()))
                        .and(functions.col("eval_noise").equalTo(variant.noise())))
                .select("len_a", "len_b")
                .distinct();
        for (Row r : df.collectAsList()) {
            out.add(new GridCell(task, r.getInt(0), r.getInt(1)));
        }
        return out;
    }

    /**
     * The grid's cells that the dataset's eval split has (the configured grid is an upper bound: a dataset with a
     * smaller eval grid is evaluated on what it has); none at all is an error.
     */
    private static List<GridCell> coveredCells(Dataset<Row> eval, GridSpec grid, int n, String datasetId) {
        Map<Long, Long> counts = new HashMap<>();
        for (Row r : eval.groupBy("len_a", "len_b").count().collectAsList()) {
            counts.put(key(r.getInt(0), r.getInt(1)), r.getLong(2));
        }
        List<GridCell> covered = new ArrayList<>();
        int absent = 0;
        int short_ = 0;
        for (GridCell c : grid.cells()) {
            long k = counts.getOrDefault(key(c.lenA(), c.lenB()), 0L);
            if (k == 0) {
                absent++;
            } else {
                covered.add(c);
                if (k < n) {
                    short_++;
                }
            }
        }
        if (covered.isEmpty()) {
            throw new ConfigError("dataset " + datasetId + " has no eval problems in the " + grid.task()
                    + " grid (" + grid.aMin() + ".." + grid.aMax() + " x " + grid.bMin() + ".." + grid.bMax()
                    + "): check abacus.eval.grids." + grid.task() + " and the dataset's abacus.data.eval");
        }
        if (absent > 0) {
            LOG.info(
                    "{} of the grid's {} cells are not in dataset {}'s eval split; evaluating the {} it has",
                    absent,
                    grid.cells().size(),
                    datasetId,
                    covered.size());
        }
        if (short_ > 0) {
            LOG.warn(
                    "{} cells have fewer than {} problems in dataset {}; they are scored on what there is",
                    short_,
                    n,
                    datasetId);
        }
        return covered;
    }

    /** The request's bounds, the settings' bounds, or the dataset's train lengths (max len_a, max len_b). */
    private static InDistribution inDistribution(SparkSession spark, Storage storage, Request req) {
        if (req.inDistribution() != null) {
            return req.inDistribution();
        }
        if (!req.settings().inDistributionFromDataset()) {
            return new InDistribution(req.settings().idMaxA(), req.settings().idMaxB());
        }
        Path train = new Path(storage.dataset(req.datasetId()), "train");
        if (!storage.exists(train)) {
            throw new ConfigError("dataset " + req.datasetId() + " has no train split at " + train
                    + ": set abacus.eval.in-distribution = [max_a, max_b]");
        }
        Row r = spark.read()
                .parquet(train.toString())
                .agg(functions.max("len_a"), functions.max("len_b"))
                .first();
        return new InDistribution(r.getInt(0), r.getInt(1));
    }
}

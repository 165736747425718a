package lab.abacus.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetId;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CheckpointLoader;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridSpec;
import lab.abacus.grid.InDistribution;
import lab.abacus.gridjob.EvaluateGridJob;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.RunDirectory;
import lab.abacus.spark.SparkSessions;
import lab.abacus.storage.Storage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abacus eval <conf> --run <run-id>}: the run's latest checkpoint × its task's grid ({@code abacus.eval}) on
 * the problems of its dataset's eval split → {@code tables/eval_cells}. Cells already there are skipped, so a second
 * call does nothing and an interrupted one resumes.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "eval",
        description = "Evaluate a run's checkpoint on its task's length grid (EvaluateGrid).")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ConfigArgs config;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "<run-id>", description = "The run to evaluate.")
    String runId;

    @Option(
            names = "--recompute",
            description = "Decode by re-running the prefix (the reference's method) "
                    + "instead of the KV cache; for comparison only.")
    boolean recompute;

    @Override
    public Integer call() {
        Config c = config.load();
        EvalSettings es = EvalSettings.from(c);
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus eval " + runId);
        Storage storage = SparkSessions.writableStorage(spark, c);
        PrintWriter out = spec.commandLine().getOut();

        Config run = TrainedRun.config(new RunDirectory(storage, runId), storage, runId);
        DataSettings data = DataSettings.from(run);
        String task = data.task().configName();
        GridSpec grid = es.gridFor(task);
        InDistribution id = es.inDistributionFromDataset()
                ? new InDistribution(data.trainLenA(), data.trainLenB())
                : new InDistribution(es.idMaxA(), es.idMaxB());
        EvalVariant variant = es.variantFor(ModelSettings.from(run));
        CheckpointLoader loader = new CheckpointLoader(
                storage.ref(),
                runId,
                variant,
                recompute ? GreedyDecoder.Method.RECOMPUTE : GreedyDecoder.Method.KV_CACHE,
                es.threads());
        EvaluateGridJob.Result r = EvaluateGridJob.run(
                spark,
                storage,
                new Leases(storage, LeaseSettings.from(c)),
                new EvaluateGridJob.Request(runId, DatasetId.of(data), grid, es, id, variant, loader));

        out.printf(
                Locale.ROOT,
                "eval %s (%s, %s): %d grid cells, %d already done, %d evaluated in %.1f s%n",
                runId,
                task,
                variant.label(),
                r.gridCells(),
                r.alreadyDone(),
                r.evaluated(),
                r.seconds());
        if (r.evaluated() > 0) {
            for (EvaluateGridJob.PartitionReport p : r.partitions()) {
                out.printf(
                        Locale.ROOT,
                        "  partition %d: %d cells, predicted cost %.4g, measured %.2f s%n",
                        p.index(),
                        p.cells(),
                        p.predictedCost(),
                        p.seconds());
            }
            out.printf(
                    Locale.ROOT,
                    "  %d partitions, cost max/mean predicted %.4f, time max/mean measured %.4f%n",
                    r.partitions().size(),
                    r.predictedImbalance(),
                    r.measuredImbalance());
        }
        lab.abacus.sql.TableViews.register(spark, storage);
        Row acc = spark.sql("select avg(case when in_distribution then accuracy end), "
                        + "avg(case when not in_distribution then accuracy end), count(*) from eval_cells where run_id = '"
                        + runId.replace("'", "''") + "' and eval_recurrences = " + variant.recurrences()
                        + " and eval_noise = " + variant.noise())
                .first();
        out.printf(Locale.ROOT, "  accuracy: ID %s, OOD %s over %d cells%n", pct(acc, 0), pct(acc, 1), acc.getLong(2));
        out.flush();
        return AbacusMain.EXIT_OK;
    }

    private static String pct(Row r, int i) {
        return r.isNullAt(i) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * r.getDouble(i));
    }
}

package lab.abacus.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.console.LineStream;
import lab.abacus.console.TextTable;
import lab.abacus.hash.Hashing;
import lab.abacus.run.RunDirectory;
import lab.abacus.run.RunTarget;
import lab.abacus.spark.SparkSessions;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralDataSettings;
import lab.abacus.train.TrainSettings;
import lab.abacus.treejob.TreeProjectionJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abacus tscore <conf> --run <run-id>}: tree projections' t_score of a structural run's checkpoints
 * (TreeProjectionJob) → {@code tables/structure}. Checkpoints already scored are skipped.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "tscore",
        description = "Score how tree-structured a structural run's checkpoints are (tree projections' t_score).")
final class TScoreCommand implements Callable<Integer> {

    @Mixin
    ConfigArgs config;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "<run-id>", description = "The run to score.")
    String runId;

    @Option(
            names = "--steps",
            split = ",",
            paramLabel = "<step>",
            description = "Checkpoint steps to score (default: every checkpoint the run keeps).")
    List<Long> steps;

    @Option(
            names = "--sentences",
            defaultValue = "200",
            description = "Training sentences in the sample (the paper: 10000). Default: ${DEFAULT-VALUE}.")
    int sentences;

    @Option(
            names = "--max-words",
            defaultValue = "30",
            description = "Longest sentence read: n words cost n(n+1)/2 rows. Default: ${DEFAULT-VALUE}.")
    int maxWords;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Masked rows per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--chunk",
            defaultValue = "50",
            description = "Sentences per Spark task. Default: ${DEFAULT-VALUE}.")
    int chunk;

    @Override
    public Integer call() {
        Config c = config.load();
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus tscore " + runId);
        Storage storage = SparkSessions.writableStorage(spark, c);
        RunDirectory dir = new RunDirectory(storage, runId);
        Config run = TrainedRun.config(dir, storage, runId);
        if (!StructuralDataSettings.applies(run)) {
            throw new UserError("run " + runId + " is not a structural task's: tree projections read word sentences");
        }
        List<Long> chosen = steps == null || steps.isEmpty() ? dir.checkpoints().steps() : steps;
        if (chosen.isEmpty()) {
            throw new UserError("run " + runId + " has no checkpoint under "
                    + dir.checkpoints().dir());
        }
        TrainSettings ts = TrainSettings.from(run);
        PrintWriter out = spec.commandLine().getOut();
        TreeProjectionJob.Result r = TreeProjectionJob.run(
                spark,
                storage,
                new TreeProjectionJob.Request(
                        runId,
                        RunTarget.of(run).datasetId(),
                        chosen,
                        sentences,
                        maxWords,
                        batch,
                        chunk,
                        ts.intraThreads(),
                        Hashing.runSeed(ts.seed(), 0x75C0)),
                LineStream.onto(out));
        TextTable table = new TextTable("step", "t_score");
        r.tScore().forEach((step, t) -> table.row(String.valueOf(step), String.format(Locale.ROOT, "%.4f", t)));
        out.println(table.render());
        out.printf(
                Locale.ROOT,
                "%d checkpoint(s) scored (%d already), %d sentences, %,d spans in %.1f s: %,.0f spans/s%n",
                r.tScore().size(),
                r.skipped(),
                r.sentences(),
                r.spans(),
                r.seconds(),
                r.spansPerSecond());
        out.flush();
        return AbacusMain.EXIT_OK;
    }
}

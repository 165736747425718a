package lab.abacus.cli;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.train.ConsoleProgress;
import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunOptions;
import lab.abacus.train.RunTrainer;
import lab.abacus.train.TrainSettings;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abacus train [<conf>] [--set k=v]...}: one training run in this JVM (no Spark), on the dataset the config's
 * {@code abacus.data} section names, with a progress line and a closing summary. The run id is the content address
 * of the config's data/model/train sections (the id a sweep would give the same point); a run that has a checkpoint
 * resumes from it, one that already succeeded is reported and not trained again. SIGTERM / Ctrl-C stop it between
 * steps with a checkpoint.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "train",
        description = "Train one run (resumes from its latest checkpoint; Ctrl-C saves and stops).")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConfigArgs config;

    @Spec
    CommandSpec spec;

    @Option(names = "--run-id", description = "Run id (default: the content address of data/model/train).")
    String runId;

    @Option(names = "--dataset", description = "Dataset id under <root>/datasets (default: the one abacus.data names).")
    String dataset;

    @Override
    public Integer call() {
        Config c = config.load();
        TrainSettings ts = TrainSettings.from(c);
        RunTarget target = RunTarget.of(c);
        target = runId != null ? target.withRunId(runId) : target;
        target = dataset != null ? target.withDataset(dataset) : target;
        Storage storage = StorageRef.from(c).open().requireWritable();
        if (!storage.exists(new Path(storage.dataset(target.datasetId()), "manifest.json"))) {
            throw new UserError("dataset " + storage.dataset(target.datasetId()) + " does not exist or is incomplete:"
                    + " generate it first with `abacus datagen` and the same config");
        }
        ProgressListener progress = ts.progress() ? ConsoleProgress.stderr() : ProgressListener.NONE;
        RunResult r = RunTrainer.run(target, c, storage, progress, RunOptions.defaults());
        var out = spec.commandLine().getOut();
        out.println("run " + r.runId() + ": " + r.status().name().toLowerCase(java.util.Locale.ROOT) + " ("
                + storage.run(r.runId()) + ")" + (r.reason() == null ? "" : ": " + r.reason()));
        out.flush();
        return r.succeeded() ? AbacusMain.EXIT_OK : AbacusMain.EXIT_FAILURE;
    }
}

package lab.abacus.cli;

import com.typesafe.config.Config;
import lab.abacus.run.RunDirectory;
import lab.abacus.storage.Storage;

/** What the verbs that work on a trained run ({@code eval}, {@code tscore}) read first: its stored config. */
final class TrainedRun {

    private TrainedRun() {}

    /** The run's {@code run.conf}; a {@link UserError} naming where it was looked for when there is none. */
    static Config config(RunDirectory dir, Storage storage, String runId) {
        return dir.readConfig()
                .orElseThrow(() -> new UserError("no run '" + runId + "' under " + storage.runs() + " (no "
                        + RunDirectory.CONFIG + "); train it first"));
    }
}

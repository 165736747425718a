package lab.abacus.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * {@code <root>/runs/<run-id>/}: {@code run.conf} (the run's data/model/train sections, for provenance and to
 * refuse resuming with a different model or data), {@code attempts/attempt-<n>} markers (the attempt number of the
 * runs table), {@code checkpoints/} ({@link Checkpoints}) and {@code result.json} once the run has succeeded.
 */
public final class RunDirectory {

    public static final String CONFIG = "run.conf";
    public static final String RESULT = "result.json";

    private final Storage storage;
    private final Path dir;

    public RunDirectory(Storage storage, String runId) {
        this.storage = storage;
        this.dir = storage.run(runId);
    }

    public Path dir() {
        return dir;
    }

    public Checkpoints checkpoints() {
        return new Checkpoints(storage, dir);
    }

    /**
     * Write {@code run.conf} on the first attempt; on later attempts check that the model, data and seed are the
     * ones the checkpoints were trained with.
     */
    public void writeOrCheckConfig(Config config) {
        Path p = new Path(dir, CONFIG);
        String text = RunConfig.render(RunConfig.of(config));
        if (!storage.exists(p)) {
            storage.writeString(p, text);
            return;
        }
        Config saved = ConfigFactory.parseString(storage.readString(p));
        for (String path : List.of("abacus.model", "abacus.data", "abacus.train.seed")) {
            String a = saved.hasPath(path) ? AbacusConfig.canonical(saved.getValue(path)) : "";
            String b = config.hasPath(path) ? AbacusConfig.canonical(config.getValue(path)) : "";
            if (!a.equals(b)) {
                throw new ConfigError(p + ": this run was started with a different " + path + " (" + a + "); now " + b
                        + ". Use a new run id or delete the run directory.");
            }
        }
    }

    /** Settings older run configs carry that are no longer run settings (how a model is evaluated). */
    static final List<String> MOVED_OUT = List.of("abacus.model.eval-noise", "abacus.model.eval-recurrences");

    /**
     * The run's stored config, resolved over the reference and validated; empty when the run has none (never
     * started). Settings that have since moved out of a run's config ({@link #MOVED_OUT}) are dropped.
     */
    public java.util.Optional<Config> readConfig() {
        Path p = new Path(dir, CONFIG);
        if (!storage.exists(p)) {
            return java.util.Optional.empty();
        }
        Config stored = ConfigFactory.parseString(storage.readString(p));
        for (String moved : MOVED_OUT) {
            stored = stored.withoutPath(moved);
        }
        return java.util.Optional.of(AbacusConfig.fromLayers(stored));
    }

    /** Register a new attempt and return its number (1 for the first). */
    public int nextAttempt() {
        Path attempts = new Path(dir, "attempts");
        int max = 0;
        try {
            for (FileStatus st : storage.fs().listStatus(attempts)) {
                String n = st.getPath().getName();
                if (n.matches("attempt-[0-9]+")) {
                    max = Math.max(max, Integer.parseInt(n.substring(8)));
                }
            }
        } catch (FileNotFoundException e) {
            // first attempt
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + attempts + ": " + e.getMessage(), e);
        }
        int next = max + 1;
        storage.writeString(new Path(attempts, "attempt-" + next), Instant.now() + "\n");
        return next;
    }

    /** Whether this run has already succeeded (its {@code result.json} exists). */
    public boolean succeeded() {
        return storage.exists(new Path(dir, RESULT));
    }

    /** Record a succeeded run: from now on {@link #succeeded()} is true and a new attempt is never started. */
    public void writeResult(RunResult r) {
        storage.writeString(new Path(dir, RESULT), r.toJson());
    }

    public RunResult readResult() {
        return RunResult.fromJson(storage.readString(new Path(dir, RESULT)));
    }
}

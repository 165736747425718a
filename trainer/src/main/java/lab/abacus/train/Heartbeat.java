package lab.abacus.train;

import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code <root>/runs/<run-id>/heartbeat}: the time a trainer last said it is alive. Written by whoever trains a
 * sweep point (the launchers' point trainer, {@link TrainerMain} in a trainer process) when a run starts and then
 * at most every {@code abacus.launcher.heartbeat} between steps ({@link #around}), read by the sweep orchestration
 * to tell a killed trainer's {@code running} row from a live one. Plain text (an ISO instant), so it works on
 * object stores where modification times are unreliable.
 */
public final class Heartbeat {

    public static final String FILE = "heartbeat";

    private final Storage storage;
    private final Path file;
    private final long everyNanos;
    private long lastNanos;

    public Heartbeat(Storage storage, String runId, Duration every) {
        this.storage = storage;
        this.file = new Path(storage.run(runId), FILE);
        this.everyNanos = every.toNanos();
    }

    /** Write now. */
    public void beat() {
        storage.writeString(file, Instant.now().toString() + "\n");
        lastNanos = System.nanoTime();
    }

    /** Write if the last beat is older than the interval (cheap to call after every step). */
    public void maybeBeat() {
        if (System.nanoTime() - lastNanos >= everyNanos) {
            beat();
        }
    }

    /** {@code listener}, plus a beat when the run starts and at most every interval after a step or checkpoint. */
    public ProgressListener around(ProgressListener listener) {
        return new ProgressListener() {
            @Override
            public void started(String runId, int attempt, long startStep, long budgetSteps, double budgetSeconds,
                                long parameters, String model) {
                beat();
                listener.started(runId, attempt, startStep, budgetSteps, budgetSeconds, parameters, model);
            }

            @Override
            public void step(StepReport report) {
                maybeBeat();
                listener.step(report);
            }

            @Override
            public void evaluated(long step, Double idAcc, Double oodAcc) {
                listener.evaluated(step, idAcc, oodAcc);
            }

            @Override
            public void checkpointed(long step) {
                maybeBeat();
                listener.checkpointed(step);
            }

            @Override
            public void finished(RunResult result) {
                listener.finished(result);
            }
        };
    }

    /** When the run's trainer last beat, if ever. */
    public static Optional<Instant> last(Storage storage, String runId) {
        Path p = new Path(storage.run(runId), FILE);
        if (!storage.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(storage.readString(p).trim()));
        } catch (DateTimeParseException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}

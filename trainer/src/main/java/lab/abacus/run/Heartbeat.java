package lab.abacus.run;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;

/**
 * {@code <root>/runs/<run-id>/heartbeat}: the time a trainer last said it is alive. Written by whoever trains a
 * run (through {@code lab.abacus.run.HeartbeatListener}) when it starts and then at most every
 * {@code abacus.launcher.heartbeat} between steps, read by the sweep orchestration
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

package lab.abacus.train;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop training between steps, and the SIGTERM hook that raises it.
 *
 * <p>A signal must never interrupt a native op (platform-notes rule 8): the JVM shutdown hook only sets the flag and
 * then waits (up to a grace period) until the trainer has finished the current step, written a checkpoint and
 * called {@link #finished()}; then the JVM exits. Tests and launchers can also call {@link #request} directly.
 */
public final class StopSignal {

    private volatile String reason;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /** Ask the trainer to stop after its current step. */
    public void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** The trainer calls this when it has saved and stopped (or ended for any other reason). */
    public void finished() {
        done.countDown();
    }

    /**
     * Install a JVM shutdown hook (SIGTERM, SIGINT) that requests a stop and waits up to {@code grace} for
     * {@link #finished()}. Remove it with {@link #uninstall()} when the run ends normally.
     */
    public synchronized void install(Duration grace) {
        if (hook != null) {
            return;
        }
        hook = new Thread(
                () -> {
                    request("stopped by signal (SIGTERM/SIGINT)");
                    try {
                        done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "abacus-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public synchronized void uninstall() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running and waits for finished()
            }
            hook = null;
        }
    }
}

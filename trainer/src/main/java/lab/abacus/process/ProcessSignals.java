package lab.abacus.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import lab.abacus.train.StopSignal;

/**
 * Stop requests for a trainer process ({@link TrainerMain}) that owns its JVM.
 *
 * <p>SIGTERM and SIGINT are turned into a {@link StopSignal} request by a signal handler, not a shutdown hook: the
 * JVM does not start shutting down, so the trainer finishes its step, writes a checkpoint, and the process exits
 * with its own code (4: interrupted) instead of 143. Should the handler be refused (e.g. {@code -Xrs}), the
 * {@link StopSignal} shutdown hook takes over.
 *
 * <p>A supervising parent (a launcher) keeps the child's stdin open and never writes to it; when the parent dies,
 * stdin reaches end-of-file and the child stops the same way, so no orphaned trainer keeps a run busy.
 */
public final class ProcessSignals {

    private ProcessSignals() {}

    /** Route SIGTERM/SIGINT to {@code stop}; false when the JVM refused a handler. */
    public static boolean install(StopSignal stop) {
        return onSignal(stop::request);
    }

    /**
     * Call {@code action} with a reason ({@code stopped by signal (SIGTERM)}) on SIGTERM or SIGINT instead of
     * shutting the JVM down; false when the JVM refused a handler.
     */
    @SuppressWarnings("removal")
    public static boolean onSignal(Consumer<String> action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(
                        new sun.misc.Signal(name),
                        sig -> action.accept("stopped by signal (SIG" + sig.getName() + ")"));
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    /** Request a stop when {@code in} (the parent's pipe) reaches end-of-file. */
    public static void stopWhenClosed(InputStream in, StopSignal stop) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[256];
                    try {
                        while (in.read(buf) >= 0) {
                            // the parent never writes; anything read is ignored
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the parent is gone too
                    }
                    stop.request("the supervising process ended");
                },
                "abacus-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}

package lab.abacus.orchestration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.abacus.run.RunPoint;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.train.RunOptions;
import lab.abacus.train.StopSignal;

/**
 * {@code abacus.launcher.type = local}: points train on this machine, {@code parallel-points} at a time.
 *
 * <ul>
 *   <li>1: one after another in the driver JVM (simple, debuggable; the right choice on a small CPU machine);</li>
 *   <li>N &gt; 1: each point in a trainer process of its own ({@link TrainerProcess}), N at a time, since two runs
 *       can never train in one JVM (one DJL gradient collector per JVM, libtorch's process-global RNG). Each child
 *       gets {@code train.threads.intra = 1} unless the config sets it, so N points use N cores.</li>
 * </ul>
 * On a stop (SIGTERM of the driver, or a point's stop signal) the running points checkpoint — in the driver, or in
 * their child, which gets SIGTERM and is waited for — and no further point starts.
 */
public final class LocalLauncher implements Launcher {

    private final int parallel;
    private final Storage storage;
    private final LauncherSettings.Jvm process;

    /** @param storage the driver's storage (already open; runs trained in this JVM share it) */
    public LocalLauncher(int parallel, Storage storage, LauncherSettings.Jvm process) {
        this.parallel = parallel;
        this.storage = storage;
        this.process = process;
    }

    /** With the reference's trainer process settings. */
    public LocalLauncher(int parallel, Storage storage) {
        this(
                parallel,
                storage,
                LauncherSettings.from(lab.abacus.config.AbacusConfig.defaults()).process());
    }

    @Override
    public String describe() {
        return parallel == 1
                ? "local (driver JVM, one point at a time)"
                : "local (" + parallel + " points at a time, each in a trainer process)";
    }

    @Override
    public List<PointOutcome> launch(List<RunPoint> points, LaunchContext context) {
        List<PointOutcome> out = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopping = new AtomicBoolean(false);
        if (parallel == 1) {
            for (RunPoint point : points) {
                if (stopping.get()) {
                    break;
                }
                PointOutcome o = trainInDriver(point, context);
                out.add(o);
                stopping.compareAndSet(false, o.interrupted());
            }
            return List.copyOf(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "abacus-local-launcher");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunPoint point : points) {
                futures.add(pool.submit(() -> {
                    if (!stopping.get()) {
                        PointOutcome o = trainInProcess(point, context);
                        out.add(o);
                        if (o.interrupted()) {
                            stopping.set(true);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training sweep points", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a local launcher thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(out);
    }

    private PointOutcome trainInDriver(RunPoint point, LaunchContext context) {
        // A run another process holds is left to it (BUSY), as trainer processes do with --no-wait.
        RunOptions options = context.options().apply(point).withWaitForRun(false);
        return PointTrainer.train(
                point, storage, options, null, context.progress().apply(point), "driver");
    }

    /** In a child JVM; the point's stop signal (and, where the options say so, SIGTERM of this JVM) stops it. */
    private PointOutcome trainInProcess(RunPoint point, LaunchContext context) {
        RunOptions options = context.options().apply(point);
        StopSignal stop = options.stop();
        if (options.handleSignals()) {
            stop.install(TrainerProcess.GRACE);
        }
        try {
            return TrainerProcess.train(
                    point,
                    context.storage(),
                    process,
                    1,
                    null,
                    stop,
                    context.output().apply(point),
                    "local process");
        } finally {
            stop.finished();
            if (options.handleSignals()) {
                stop.uninstall();
            }
        }
    }
}

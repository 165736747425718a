package lab.abacus.orchestration;

import lab.abacus.storage.Storage;
import lab.abacus.train.RunOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code abacus.launcher.type = local}: points train in the driver JVM, {@code parallel-points} at a time (1: one
 * after another, the right choice on a small CPU machine). Each run keeps its own SIGTERM handling: on a stop the
 * running points checkpoint and no further point starts.
 */
public final class LocalLauncher implements Launcher {

    private final int parallel;
    private final Storage storage;

    /** @param storage the driver's storage (already open; tasks in this JVM share it) */
    public LocalLauncher(int parallel, Storage storage) {
        this.parallel = parallel;
        this.storage = storage;
    }

    @Override
    public String describe() {
        return parallel == 1 ? "local (driver JVM, one point at a time)"
                : "local (driver JVM, " + parallel + " points at a time)";
    }

    @Override
    public List<PointOutcome> launch(List<PointJob> jobs, LaunchContext context) {
        List<PointOutcome> out = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopping = new AtomicBoolean(false);
        if (parallel == 1) {
            for (PointJob job : jobs) {
                if (stopping.get()) {
                    break;
                }
                PointOutcome o = trainOne(job, context);
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
            for (PointJob job : jobs) {
                futures.add(pool.submit(() -> {
                    if (!stopping.get()) {
                        PointOutcome o = trainOne(job, context);
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
            throw new IllegalStateException("a local training thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(out);
    }

    private PointOutcome trainOne(PointJob job, LaunchContext context) {
        RunOptions options = context.options().apply(job);
        return PointTrainer.train(job, storage, options, null, context.heartbeat(), context.progress().apply(job),
                "driver");
    }
}

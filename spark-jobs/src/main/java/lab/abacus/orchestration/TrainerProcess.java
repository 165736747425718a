package lab.abacus.orchestration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import lab.abacus.process.DeviceAssignment;
import lab.abacus.process.ResultFile;
import lab.abacus.process.TrainerMain;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunResult;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.train.StopSignal;

/**
 * Trains one point in a trainer process of its own ({@code lab.abacus.process.TrainerMain} in a child JVM) and
 * supervises it: the shared core of every launcher that trains points next to each other (the local launcher with
 * {@code parallel-points > 1}, every Spark task).
 *
 * <p>Why a process per point: DJL's PyTorch engine allows one open gradient collector per JVM, and the trainer
 * reseeds libtorch's process-global RNG before every microbatch (exact resume), so two runs can never train in one
 * JVM at the same time.
 *
 * <p>The child gets the point as the first line of its stdin: resolved config (storage root and Hadoop settings as
 * the launcher knows them, {@code train.threads.intra} set when the config leaves it automatic) and ids; the
 * assigned GPU as an argument. It reports its result as a line on stdout. Nothing is written to the local disk, so a
 * killed launcher leaves nothing behind. Its other output lines are handed to {@code lines} as they come. A stop request (the run options' stop
 * signal: SIGTERM of this JVM, a test) sends SIGTERM to the child, which finishes its step, writes a checkpoint and
 * exits 4; after a grace period it is killed. The child also stops by itself when this JVM dies (its stdin closes).
 */
public final class TrainerProcess {

    /** How long a stopped child may take to checkpoint before it is killed. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final int TAIL_LINES = 20;

    private TrainerProcess() {}

    /**
     * Train {@code point} in a child JVM and wait for it.
     *
     * @param intraThreads {@code train.threads.intra} of the child when the config says 0 (automatic)
     * @param gpuIndex     the GPU the launcher assigned, or null for the device the config names
     * @param stop         requested: SIGTERM to the child (it checkpoints); polled while the child runs
     * @param lines        every line the child prints (stdout and stderr)
     * @param where        for the outcome, e.g. {@code local process} or {@code executor task 7}
     */
    public static PointOutcome train(
            RunPoint point,
            StorageRef storage,
            LauncherSettings.Jvm settings,
            int intraThreads,
            Integer gpuIndex,
            StopSignal stop,
            Consumer<String> lines,
            String where) {
        Config config;
        try {
            config = childConfig(point, storage, intraThreads);
        } catch (RuntimeException e) {
            return PointOutcome.failed(point, "cannot read the point's config: " + e.getMessage(), where);
        }
        try {
            List<String> cmd = new ArrayList<>(TrainerJvm.command(settings));
            // The point goes in on stdin and the result comes back on stdout: no file on the local disk to leave
            // behind (each would hold a full resolved config) when this JVM is killed.
            cmd.addAll(List.of("--point-file", "-", "--result-file", "-", "--no-wait", "--exit-with-parent"));
            if (gpuIndex != null) {
                cmd.addAll(List.of("--gpu", gpuIndex.toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process p = pb.start();
            // Kept open: its end is how the child learns that this JVM is gone (--exit-with-parent).
            p.getOutputStream().write((point.withConfig(config).toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            String place = where + " pid " + p.pid() + " "
                    + DeviceAssignment.describe(DeviceAssignment.apply(config, gpuIndex));
            Deque<String> tail = new ArrayDeque<>();
            AtomicReference<RunResult> result = new AtomicReference<>();
            Thread reader = forward(p, lines, tail, result);
            boolean stopped = supervise(p, stop);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            p.getOutputStream().close();
            return outcome(point, result.get(), p.exitValue(), stopped, tail, place);
        } catch (IOException e) {
            return PointOutcome.failed(point, "cannot start a trainer process: " + e.getMessage(), where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PointOutcome.failed(point, "interrupted while waiting for the trainer process", where);
        }
    }

    /** The config the child trains: the point's, on the launcher's storage, with a thread count. */
    static Config childConfig(RunPoint point, StorageRef storage, int intraThreads) {
        Config c = storage.applyTo(point.config());
        if (c.getInt("abacus.train.threads.intra") == 0) {
            c = c.withValue("abacus.train.threads.intra", ConfigValueFactory.fromAnyRef(Math.max(1, intraThreads)));
        }
        return c;
    }

    /** Wait for {@code p}; on a stop request SIGTERM it, and kill it if it outlives the grace period. */
    private static boolean supervise(Process p, StopSignal stop) {
        boolean signalled = false;
        boolean interrupted = false;
        long killAt = Long.MAX_VALUE;
        while (true) {
            try {
                if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                // A cancelled Spark task, a shut-down pool: stop the child the graceful way first.
                interrupted = true;
                stop.request("the launcher was interrupted");
            }
            if (stop.requested() && !signalled) {
                // SIGTERM: the trainer checkpoints between steps and exits 4. Through the handle: Process.destroy()
                // would also close our end of its stdout, and its result line comes after the signal.
                p.toHandle().destroy();
                signalled = true;
                killAt = System.nanoTime() + GRACE.toNanos();
            } else if (signalled && System.nanoTime() > killAt) {
                p.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** Forward the child's output line by line, keeping a tail for errors and taking its result line out. */
    private static Thread forward(
            Process p, Consumer<String> lines, Deque<String> tail, AtomicReference<RunResult> result) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            RunResult reported = ResultFile.fromLine(line);
                            if (reported != null) {
                                result.set(reported);
                                continue;
                            }
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > TAIL_LINES) {
                                    tail.removeFirst();
                                }
                            }
                            lines.accept(line);
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                },
                "abacus-trainer-output-" + p.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The outcome: the child's result file if it wrote one, else what its exit says. */
    static PointOutcome outcome(
            RunPoint point, RunResult r, int exit, boolean stopped, Deque<String> tail, String where) {
        if (r != null) {
            return PointOutcome.of(point, r, where);
        }
        if (exit == TrainerMain.EXIT_INTERRUPTED || stopped) {
            return new PointOutcome(
                    point.target().runId(),
                    point.label(),
                    RunResult.Status.INTERRUPTED,
                    "trainer process stopped (exit code " + exit + ")",
                    0,
                    0,
                    null,
                    null,
                    where);
        }
        String last;
        synchronized (tail) {
            last = String.join(" | ", tail);
        }
        return PointOutcome.failed(
                point,
                "trainer process exited with code " + exit + (last.isEmpty() ? "" : "; last output: " + last),
                where);
    }
}

package lab.abacus.gridjob;

import static lab.abacus.console.ProgressText.duration;
import static lab.abacus.console.ProgressText.eta;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Cells done / total and an ETA while the grid runs. Tasks count finished cells (and their predicted cost) in two
 * accumulators; an accumulator's driver value only moves when a task ends, so this listener also reads the values
 * that running tasks report in executor heartbeats. The ETA extrapolates elapsed time by predicted cost done.
 */
final class GridProgress extends SparkListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GridProgress.class);

    private final long cellsId;
    private final long costId;
    private final int totalCells;
    private final double totalCost;
    private final long startNanos = System.nanoTime();
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();
    private final long[] finished = new long[2];
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> ticks;
    private final LongSupplier clock;

    GridProgress(LongAccumulator cells, LongAccumulator cost, int totalCells, double totalCost, int seconds) {
        this.cellsId = cells.id();
        this.costId = cost.id();
        this.totalCells = totalCells;
        this.totalCost = totalCost;
        this.clock = System::nanoTime;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grid-progress");
            t.setDaemon(true);
            return t;
        });
        ticks = timer.scheduleAtFixedRate(() -> LOG.info(line()), seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t :
                CollectionConverters.asJava(update.accumUpdates())) {
            long taskId = (Long) t._1();
            long[] v = values(t._4());
            if (v[0] >= 0) {
                running.put(taskId, v);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        long[] old = running.remove(end.taskInfo().taskId());
        if (end.taskInfo().successful()) {
            long[] v = values(end.taskInfo().accumulables());
            synchronized (finished) {
                finished[0] += Math.max(0, v[0]);
                finished[1] += Math.max(0, v[1]);
            }
        } else if (old != null) {
            LOG.warn(
                    "grid task {} failed after {} cells; its cells will be retried",
                    end.taskInfo().taskId(),
                    old[0]);
        }
    }

    private long[] values(scala.collection.Seq<AccumulableInfo> infos) {
        long[] v = {-1, -1};
        for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
            if (info.update().isEmpty()) {
                continue;
            }
            Object u = info.update().get();
            if (!(u instanceof Number n)) {
                continue;
            }
            if (info.id() == cellsId) {
                v[0] = n.longValue();
            } else if (info.id() == costId) {
                v[1] = n.longValue();
            }
        }
        return v;
    }

    /** Cells and predicted cost done so far, finished tasks plus running tasks' last heartbeat. */
    long[] done() {
        long cells;
        long cost;
        synchronized (finished) {
            cells = finished[0];
            cost = finished[1];
        }
        for (long[] v : running.values()) {
            cells += Math.max(0, v[0]);
            cost += Math.max(0, v[1]);
        }
        return new long[] {Math.min(cells, totalCells), cost};
    }

    String line() {
        long[] d = done();
        double elapsed = (clock.getAsLong() - startNanos) / 1e9;
        double frac = totalCost <= 0 ? 1.0 : Math.min(1.0, d[1] / totalCost);
        return String.format(
                Locale.ROOT,
                "grid: %d/%d cells (%.1f%% of predicted cost), elapsed %s, ETA %s",
                d[0],
                totalCells,
                100 * frac,
                duration(elapsed),
                duration(eta(elapsed, frac)));
    }

    @Override
    public void close() {
        ticks.cancel(false);
        timer.shutdownNow();
    }
}

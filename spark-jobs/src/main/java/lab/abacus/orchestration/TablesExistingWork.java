package lab.abacus.orchestration;

import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.sql.TableSchemas;
import lab.abacus.sql.TableViews;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.ExistingWork;
import lab.abacus.sweep.RunId;
import lab.abacus.sweep.RunSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * {@link ExistingWork} over the tables and the run directories, read once with Spark SQL:
 * <ul>
 *   <li>{@code runs} — the latest row per run (status, attempt, step / budget, reason); every attempt's last row
 *       to count real failures (an interruption — reason {@code interrupted ...} — is not a failure);</li>
 *   <li>{@code metrics} — the latest held-out ID / OOD accuracy while a run trains;</li>
 *   <li>{@code eval_cells} — grid completeness per run (every cell of the point's grid has a row) and, once the
 *       grid is complete, the grid's ID / OOD exact match, which replaces the held-out estimate;</li>
 *   <li>{@code runs/<id>/heartbeat} — whether a {@code running} row still has a live trainer.</li>
 * </ul>
 */
public final class TablesExistingWork implements ExistingWork {

    /** The trainer's reason prefix for a stop request / SIGTERM (checkpoint saved, resumable). */
    static final String INTERRUPTED_PREFIX = "interrupted";

    private final Map<RunId, RunRecord> latest = new HashMap<>();
    private final Map<RunId, Integer> failures = new HashMap<>();
    private final Set<RunId> gridComplete = new HashSet<>();
    private final Set<RunId> alive = new HashSet<>();

    private TablesExistingWork() {
    }

    /** Read what exists for {@code points} under {@code storage}. */
    public static TablesExistingWork load(SparkSession spark, Storage storage, List<RunSpec> points,
                                          Duration staleAfter) {
        TablesExistingWork w = new TablesExistingWork();
        if (points.isEmpty()) {
            return w;
        }
        Map<String, RunSpec> byId = new HashMap<>();
        points.forEach(p -> byId.put(p.id().value(), p));
        Set<String> ids = byId.keySet();
        Object[] idArray = ids.toArray();

        Dataset<Row> runsRaw = TableViews.raw(spark, storage, TableSchemas.RUNS).where(col("run_id").isin(idArray));
        // Failures: per (run, attempt) the attempt's last row; failed and not an interruption.
        Dataset<Row> attemptEnds = runsRaw.select("run_id", "attempt", "status", "reason", "written_at")
                .withColumn("_rn", functions.row_number().over(org.apache.spark.sql.expressions.Window
                        .partitionBy("run_id", "attempt").orderBy(col("written_at").desc_nulls_last())))
                .where("_rn = 1");
        for (Row r : attemptEnds.collectAsList()) {
            String status = r.getString(2);
            String reason = r.getString(3);
            if ("failed".equals(status) && !isInterruption(reason)) {
                w.failures.merge(new RunId(r.getString(0)), 1, Integer::sum);
            }
        }

        Map<RunId, Double[]> heldOut = heldOutAccuracy(spark, storage, idArray);
        Map<RunId, Double[]> grid = gridAccuracy(spark, storage, byId);
        for (Map.Entry<RunId, Double[]> e : grid.entrySet()) {
            if (e.getValue()[2] != null) {
                w.gridComplete.add(e.getKey());
            }
        }

        Dataset<Row> runs = TableViews.latest(spark, storage, TableSchemas.RUNS).where(col("run_id").isin(idArray))
                .select("run_id", "attempt", "status", "reason", "step", "budget_steps", "final_id_acc",
                        "final_ood_acc", "written_at");
        Instant now = Instant.now();
        for (Row r : runs.collectAsList()) {
            RunId id = new RunId(r.getString(0));
            Status s = Status.of(r.getString(2));
            Double idAcc = r.isNullAt(6) ? null : r.getDouble(6);
            Double oodAcc = r.isNullAt(7) ? null : r.getDouble(7);
            Double[] h = heldOut.get(id);
            if (h != null) {
                idAcc = idAcc != null && s.status != RunStatus.RUNNING ? idAcc : h[0];
                oodAcc = oodAcc != null && s.status != RunStatus.RUNNING ? oodAcc : h[1];
            }
            Double[] g = grid.get(id);
            if (g != null && w.gridComplete.contains(id)) {
                idAcc = g[0];
                oodAcc = g[1];
            }
            Instant writtenAt = r.isNullAt(8) ? Instant.EPOCH : ((Timestamp) r.get(8)).toInstant();
            int attempt = r.isNullAt(1) ? 1 : r.getInt(1);
            long budget = r.isNullAt(5) ? 0 : r.getLong(5);
            w.latest.put(id, new RunRecord(id, attempt, s.status, r.getString(3), r.isNullAt(4) ? 0 : r.getLong(4),
                    budget, idAcc, oodAcc, writtenAt));
            if (s.status == RunStatus.RUNNING) {
                Instant last = Heartbeat.last(storage, id.value()).filter(b -> b.isAfter(writtenAt)).orElse(writtenAt);
                if (Duration.between(last, now).compareTo(staleAfter) < 0) {
                    w.alive.add(id);
                }
            }
        }
        return w;
    }

    /** Parsed status; an unknown value is treated as failed so that the point is looked at, not skipped. */
    private record Status(RunStatus status) {
        static Status of(String s) {
            try {
                return new Status(RunStatus.of(s == null ? "failed" : s));
            } catch (IllegalArgumentException e) {
                return new Status(RunStatus.FAILED);
            }
        }
    }

    static boolean isInterruption(String reason) {
        return reason != null && reason.startsWith(INTERRUPTED_PREFIX);
    }

    /** Latest non-null held-out (id, ood) accuracy per run from the metrics table. */
    private static Map<RunId, Double[]> heldOutAccuracy(SparkSession spark, Storage storage, Object[] ids) {
        Map<RunId, Double[]> out = new HashMap<>();
        Dataset<Row> m = TableViews.latest(spark, storage, TableSchemas.METRICS).where(col("run_id").isin(ids))
                .where(col("id_acc").isNotNull().or(col("ood_acc").isNotNull()))
                .withColumn("_rn", functions.row_number().over(org.apache.spark.sql.expressions.Window
                        .partitionBy("run_id").orderBy(col("step").desc())))
                .where("_rn = 1").select("run_id", "id_acc", "ood_acc");
        for (Row r : m.collectAsList()) {
            out.put(new RunId(r.getString(0)), new Double[]{r.isNullAt(1) ? null : r.getDouble(1),
                    r.isNullAt(2) ? null : r.getDouble(2)});
        }
        return out;
    }

    /**
     * Per run with cells: {ID accuracy, OOD accuracy, complete ? 1 : null} over the cells of the point's grid
     * (latest row per cell).
     */
    private static Map<RunId, Double[]> gridAccuracy(SparkSession spark, Storage storage, Map<String, RunSpec> byId) {
        Map<RunId, Double[]> out = new HashMap<>();
        Dataset<Row> cells = TableViews.latest(spark, storage, TableSchemas.EVAL_CELLS)
                .where(col("run_id").isin(byId.keySet().toArray()))
                .select("run_id", "task", "len_a", "len_b", "n", "correct", "in_distribution");
        Map<String, Set<GridCell>> expected = new HashMap<>();
        Map<String, long[]> sums = new HashMap<>();   // id n, id correct, ood n, ood correct, cells found
        for (Row r : cells.collectAsList()) {
            String run = r.getString(0);
            Set<GridCell> want = expected.computeIfAbsent(run, k -> gridOf(byId.get(k)));
            GridCell c = new GridCell(r.getString(1), r.getInt(2), r.getInt(3));
            if (!want.contains(c)) {
                continue;
            }
            long[] s = sums.computeIfAbsent(run, k -> new long[5]);
            int base = !r.isNullAt(6) && r.getBoolean(6) ? 0 : 2;
            s[base] += r.isNullAt(4) ? 0 : r.getInt(4);
            s[base + 1] += r.isNullAt(5) ? 0 : r.getInt(5);
            s[4]++;
        }
        sums.forEach((run, s) -> out.put(new RunId(run), new Double[]{
                s[0] == 0 ? null : (double) s[1] / s[0], s[2] == 0 ? null : (double) s[3] / s[2],
                s[4] == expected.get(run).size() ? 1.0 : null}));
        return out;
    }

    /** The cells of a point's evaluation grid. */
    static Set<GridCell> gridOf(RunSpec p) {
        GridSpec g = EvalSettings.from(p.config()).gridFor(p.config().getString("abacus.data.task"));
        return new HashSet<>(g.cells());
    }

    @Override
    public Optional<RunRecord> latest(RunId id) {
        return Optional.ofNullable(latest.get(id));
    }

    @Override
    public boolean gridComplete(RunId id) {
        return gridComplete.contains(id);
    }

    @Override
    public boolean alive(RunId id) {
        return alive.contains(id);
    }

    @Override
    public boolean interrupted(RunRecord r) {
        return isInterruption(r.reason());
    }

    @Override
    public int failures(RunRecord r) {
        return failures.getOrDefault(r.id(), 0);
    }
}

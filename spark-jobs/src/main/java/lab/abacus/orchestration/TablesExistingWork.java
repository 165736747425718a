package lab.abacus.orchestration;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.lease.LeaseRecord;
import lab.abacus.lease.Leases;
import lab.abacus.lease.Leases.Kind;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.FailureReasons;
import lab.abacus.run.RunDirectory;
import lab.abacus.run.RunId;
import lab.abacus.run.RunResult;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.ExistingWork;
import lab.abacus.sweep.RunSpec;
import lab.abacus.tables.TableQuarantine;
import lab.abacus.tables.TableReader;

/**
 * {@link ExistingWork} over the tables and the run directories, read once (parquet-hadoop, only this sweep's runs):
 * <ul>
 *   <li>{@code runs} — the latest row per run (status, attempt, step / budget, reason); every attempt's last row
 *       to count the failures that use up retries (not an interruption, not the environment's: {@link
 *       FailureReasons});</li>
 *   <li>{@code metrics} — the latest held-out ID / OOD accuracy while a run trains;</li>
 *   <li>{@code eval_cells} — grid completeness per run (every cell of the point's grid has a row) and, once the
 *       grid is complete, the grid's ID / OOD exact match, which replaces the held-out estimate;</li>
 *   <li>{@code leases/runs/<id>} — whether a {@code running} row still has a live trainer, and its step.</li>
 * </ul>
 */
public final class TablesExistingWork implements ExistingWork {

    private final Map<RunId, RunRecord> latest = new HashMap<>();
    private final Map<RunId, Integer> failures = new HashMap<>();
    private final Set<RunId> gridComplete = new HashSet<>();
    private final Set<RunId> alive = new HashSet<>();
    private final Set<RunId> rowsLost = new HashSet<>();

    private TablesExistingWork() {}

    /** Read what exists for {@code points} under {@code storage}. */
    public static TablesExistingWork load(Storage storage, List<RunSpec> points, Leases leases) {
        TablesExistingWork w = new TablesExistingWork();
        if (points.isEmpty()) {
            return w;
        }
        Map<String, RunSpec> byId = new HashMap<>();
        points.forEach(p -> byId.put(p.id().value(), p));
        Map<String, Map<String, Object>> latestRun = w.scanRuns(storage, byId.keySet());
        Map<String, Map<String, Object>> heldOut = heldOutAccuracy(storage, byId.keySet());
        Map<String, Double[]> gridAcc = w.scanGrids(storage, byId);
        points.stream().filter(p -> !hasGrid(p)).forEach(p -> w.gridComplete.add(p.id())); // nothing to evaluate
        for (Map<String, Object> r : latestRun.values()) {
            RunRecord record = w.record(r, heldOut.get((String) r.get("run_id")), gridAcc);
            Optional<LeaseRecord> lease = record.status() == RunStatus.RUNNING
                    ? leases.peek(Kind.RUN, record.id().value()).filter(l -> l.live(Instant.now()))
                    : Optional.empty();
            if (lease.isPresent()) {
                w.alive.add(record.id());
                record = record.atStep(Math.max(record.step(), stepOf(lease.get())));
            }
            w.latest.put(record.id(), record);
        }
        w.findLostRows(storage, byId.keySet());
        w.findStarting(leases, byId.keySet());
        return w;
    }

    /**
     * Runs without any row whose lease is live: a trainer that has just taken the run and not yet written its
     * {@code running} row. They are running, not pending (else a second process would try to start them too).
     */
    private void findStarting(Leases leases, Set<String> runs) {
        Instant now = Instant.now();
        for (String run : runs) {
            RunId id = new RunId(run);
            if (!latest.containsKey(id)) {
                leases.peek(Kind.RUN, run).filter(l -> l.live(now)).ifPresent(l -> {
                    latest.put(id, new RunRecord(id, 0, RunStatus.RUNNING, null, stepOf(l), 0, null, null, now));
                    alive.add(id);
                });
            }
        }
    }

    /**
     * Runs without a {@code runs} row whose {@code result.json} says they succeeded: their rows were in a table file
     * that was quarantined. The result file is the truth; {@link #rowsLost()} lists them for a writer to restore.
     */
    private void findLostRows(Storage storage, Set<String> runs) {
        for (String run : runs) {
            RunId id = new RunId(run);
            RunDirectory dir = new RunDirectory(storage, run);
            if (!latest.containsKey(id) && dir.succeeded()) {
                RunResult r = dir.readResult();
                latest.put(
                        id,
                        new RunRecord(
                                id,
                                r.attempt(),
                                RunStatus.SUCCEEDED,
                                null,
                                r.steps(),
                                r.steps(),
                                r.idAcc(),
                                r.oodAcc(),
                                Instant.now()));
                rowsLost.add(id);
            }
        }
    }

    /** Succeeded runs whose {@code runs} row is missing (quarantined with a damaged file). */
    public Set<RunId> rowsLost() {
        return Set.copyOf(rowsLost);
    }

    /**
     * {@code runs}: the latest row per run, and per (run, attempt) the attempt's last row, whose failures (not
     * interruptions) are counted.
     */
    private Map<String, Map<String, Object>> scanRuns(Storage storage, Set<String> runs) {
        Map<String, Map<String, Object>> latestRun = new HashMap<>();
        Map<List<Object>, Map<String, Object>> attemptEnds = new HashMap<>();
        scan(storage, "runs", runs, row -> {
            String run = (String) row.get("run_id");
            latestRun.merge(run, row, TableReader::later);
            Object attempt = row.get("attempt");
            attemptEnds.merge(List.of(run, attempt == null ? 0 : attempt), row, TableReader::later);
        });
        for (Map<String, Object> end : attemptEnds.values()) {
            if ("failed".equals(end.get("status")) && FailureReasons.countsAgainstRetries((String) end.get("reason"))) {
                failures.merge(new RunId((String) end.get("run_id")), 1, Integer::sum);
            }
        }
        return latestRun;
    }

    /** {@code metrics}: per run, the row of the latest step that measured held-out accuracy. */
    private static Map<String, Map<String, Object>> heldOutAccuracy(Storage storage, Set<String> runs) {
        Map<String, Map<String, Object>> heldOut = new HashMap<>();
        scan(storage, "metrics", runs, row -> {
            if (row.get("id_acc") != null || row.get("ood_acc") != null) {
                heldOut.merge((String) row.get("run_id"), row, SweepRows::laterStep);
            }
        });
        return heldOut;
    }

    /**
     * {@code eval_cells}: the latest row per cell of each point's grid; marks complete grids and returns each run's
     * grid accuracy {ID, OOD} (null where a side has no cells).
     */
    private Map<String, Double[]> scanGrids(Storage storage, Map<String, RunSpec> byId) {
        Map<String, Set<GridCell>> expected = new HashMap<>();
        Map<String, Map<GridCell, Map<String, Object>>> cells = new HashMap<>();
        Map<String, EvalVariant> variants = new HashMap<>();
        scan(storage, "eval_cells", byId.keySet(), row -> {
            String run = (String) row.get("run_id");
            EvalVariant variant = variants.computeIfAbsent(run, k -> variantOf(byId.get(k)));
            if (!Objects.equals(row.get("eval_recurrences"), variant.recurrences())
                    || !Objects.equals(row.get("eval_noise"), variant.noise())) {
                return; // cells of another evaluation variant of the run
            }
            Set<GridCell> want = expected.computeIfAbsent(run, k -> gridOf(byId.get(k)));
            GridCell c = new GridCell((String) row.get("task"), (Integer) row.get("len_a"), (Integer) row.get("len_b"));
            if (want.contains(c)) {
                cells.computeIfAbsent(run, k -> new HashMap<>()).merge(c, row, TableReader::later);
            }
        });
        Map<String, Double[]> gridAcc = new HashMap<>();
        cells.forEach((run, byCell) -> {
            long[] s = new long[4]; // id n, id correct, ood n, ood correct
            for (Map<String, Object> r : byCell.values()) {
                int base = Boolean.TRUE.equals(r.get("in_distribution")) ? 0 : 2;
                s[base] += r.get("n") == null ? 0 : (Integer) r.get("n");
                s[base + 1] += r.get("correct") == null ? 0 : (Integer) r.get("correct");
            }
            gridAcc.put(run, new Double[] {
                s[0] == 0 ? null : (double) s[1] / s[0], s[2] == 0 ? null : (double) s[3] / s[2]
            });
            if (byCell.size() == expected.get(run).size()) {
                gridComplete.add(new RunId(run));
            }
        });
        return gridAcc;
    }

    /**
     * A run's latest row as a record. Accuracy: the grid's once it is complete, else the final held-out accuracy,
     * else (while running) the latest held-out accuracy from {@code metrics}.
     */
    private RunRecord record(Map<String, Object> r, Map<String, Object> heldOut, Map<String, Double[]> gridAcc) {
        RunId id = new RunId((String) r.get("run_id"));
        RunStatus status = status((String) r.get("status"));
        Double idAcc = (Double) r.get("final_id_acc");
        Double oodAcc = (Double) r.get("final_ood_acc");
        if (heldOut != null && (status == RunStatus.RUNNING || (idAcc == null && oodAcc == null))) {
            idAcc = (Double) heldOut.get("id_acc");
            oodAcc = (Double) heldOut.get("ood_acc");
        }
        Double[] g = gridComplete.contains(id) ? gridAcc.get(id.value()) : null;
        if (g != null) { // a point without a grid keeps its held-out accuracy
            idAcc = g[0];
            oodAcc = g[1];
        }
        int attempt = r.get("attempt") == null ? 1 : (Integer) r.get("attempt");
        long step = r.get("step") == null ? 0 : (Long) r.get("step");
        long budget = r.get("budget_steps") == null ? 0 : (Long) r.get("budget_steps");
        return new RunRecord(
                id, attempt, status, (String) r.get("reason"), step, budget, idAcc, oodAcc, TableReader.writtenAt(r));
    }

    /** The step a trainer's lease note reports ({@code step N}), or 0. */
    static long stepOf(LeaseRecord lease) {
        String note = lease.note();
        return note.startsWith("step ") ? Long.parseLong(note.substring(5).trim()) : 0;
    }

    /**
     * Every row of a table whose run is one of {@code runs}, streamed file by file (parquet-hadoop, no Spark job:
     * planning a sweep must be quick, and the driver only keeps the rows of this sweep's runs).
     */
    private static void scan(
            Storage storage, String table, Set<String> runs, java.util.function.Consumer<Map<String, Object>> sink) {
        TableQuarantine.forEachRow(
                storage,
                table,
                row -> {
                    if (runs.contains(row.get("run_id"))) {
                        sink.accept(row);
                    }
                },
                warning -> System.err.println("warning: " + warning));
    }

    /** An unknown status is treated as failed so that the point is looked at, not skipped. */
    private static RunStatus status(String s) {
        try {
            return RunStatus.of(s == null ? "failed" : s);
        } catch (IllegalArgumentException e) {
            return RunStatus.FAILED;
        }
    }

    /** How the sweep evaluates a point's model. */
    static EvalVariant variantOf(RunSpec p) {
        return EvalSettings.from(p.config()).variantFor(ModelSettings.from(p.config()));
    }

    /** Whether a point is scored on a length grid (the structural tasks are scored during training only). */
    static boolean hasGrid(RunSpec p) {
        return EvalSettings.from(p.config()).hasGrid(p.target().task());
    }

    /** The cells of a point's evaluation grid. */
    static Set<GridCell> gridOf(RunSpec p) {
        GridSpec g = EvalSettings.from(p.config()).gridFor(p.target().task());
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
        return FailureReasons.isInterruption(r.reason());
    }

    @Override
    public int failures(RunRecord r) {
        return failures.getOrDefault(r.id(), 0);
    }
}

package lab.abacus.sweep;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.console.TextTable;
import lab.abacus.sweep.ExistingWork.RunRecord;

/**
 * Where every point of a sweep stands, given what already exists: the basis of {@code abacus sweep plan}
 * (what {@code run} would do), {@code sweep status} (progress), and of {@code run} itself (which points to
 * launch). Pure: it reads nothing but its inputs.
 */
public final class SweepPlan {

    /** A point's state. */
    public enum State {
        DONE,
        RUNNING,
        PENDING,
        FAILED
    }

    /** What {@code sweep run} would do for a point. */
    public enum Action {
        /** Nothing: done, running, or out of retries. */
        NONE,
        /** Train from scratch (never started). */
        TRAIN,
        /** Train again after a failed attempt (resuming from its last checkpoint if any). */
        RETRY,
        /**
         * Continue an interrupted run from its last checkpoint: it was stopped (SIGTERM, a stop request) or its
         * trainer died without a final row. Does not use up a retry.
         */
        RESUME,
        /** Training succeeded; the evaluation grid is missing cells. */
        EVALUATE
    }

    /**
     * @param attempts attempts made so far (0 when never started)
     * @param reason   why the latest attempt failed, else null
     * @param latest   the latest runs-table row, or null
     */
    public record PointStatus(
            RunSpec point, State state, Action action, int attempts, String reason, RunRecord latest) {}

    private final String name;
    private final int maxRetries;
    private final List<PointStatus> points;

    private SweepPlan(String name, int maxRetries, List<PointStatus> points) {
        this.name = name;
        this.maxRetries = maxRetries;
        this.points = points;
    }

    public static SweepPlan of(SweepSpec spec, ExistingWork work) {
        return of(spec.name(), spec.points(), spec.settings().maxRetries(), work);
    }

    /** @param maxRetries a failed point is retried while it has made at most this many attempts */
    public static SweepPlan of(String name, List<RunSpec> points, int maxRetries, ExistingWork work) {
        List<PointStatus> out = new ArrayList<>();
        for (RunSpec p : points) {
            out.add(classify(p, maxRetries, work));
        }
        return new SweepPlan(name, maxRetries, List.copyOf(out));
    }

    static PointStatus classify(RunSpec p, int maxRetries, ExistingWork work) {
        RunRecord r = work.latest(p.id()).orElse(null);
        if (r == null) {
            return new PointStatus(p, State.PENDING, Action.TRAIN, 0, null, null);
        }
        return switch (r.status()) {
            case RUNNING ->
                work.alive(p.id())
                        ? new PointStatus(p, State.RUNNING, Action.NONE, r.attempt(), null, r)
                        : new PointStatus(
                                p,
                                State.PENDING,
                                Action.RESUME,
                                r.attempt(),
                                "attempt " + r.attempt() + " stopped without a final row (killed?)",
                                r);
            case SUCCEEDED ->
                work.gridComplete(p.id())
                        ? new PointStatus(p, State.DONE, Action.NONE, r.attempt(), null, r)
                        : new PointStatus(p, State.PENDING, Action.EVALUATE, r.attempt(), null, r);
            case FAILED ->
                work.interrupted(r)
                        ? new PointStatus(p, State.PENDING, Action.RESUME, r.attempt(), r.reason(), r)
                        : work.failures(r) <= maxRetries
                                ? new PointStatus(p, State.PENDING, Action.RETRY, r.attempt(), r.reason(), r)
                                : new PointStatus(p, State.FAILED, Action.NONE, r.attempt(), r.reason(), r);
        };
    }

    public String name() {
        return name;
    }

    /** Every point, in the sweep's order. */
    public List<PointStatus> points() {
        return points;
    }

    /** Points {@code sweep run} has work for (train, retry or evaluate), in order. */
    public List<PointStatus> todo() {
        return points.stream().filter(p -> p.action() != Action.NONE).toList();
    }

    public long count(State state) {
        return points.stream().filter(p -> p.state() == state).count();
    }

    /**
     * True when nothing is left for this process: every point is done or is being trained by another live process
     * (which will evaluate its grid too).
     */
    public boolean settled() {
        return points.stream().allMatch(p -> p.state() == State.DONE || p.state() == State.RUNNING);
    }

    /** True when every point is done. */
    public boolean complete() {
        return count(State.DONE) == points.size();
    }

    /** One line: "sweep NAME: 8 points: 2 done, 1 running, 4 pending, 1 failed". */
    public String summary() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, count(s));
        }
        return "sweep " + name + ": " + points.size() + (points.size() == 1 ? " point: " : " points: ")
                + counts.get(State.DONE) + " done, " + counts.get(State.RUNNING) + " running, "
                + counts.get(State.PENDING) + " pending, " + counts.get(State.FAILED) + " failed";
    }

    /** The summary line and a table of every point (state, step / budget, ID and OOD accuracy, next step). */
    public String render() {
        TextTable t = new TextTable("#>", "point", "run", "state", "step / budget>", "ID acc>", "OOD acc>", "next");
        for (PointStatus s : points) {
            RunRecord r = s.latest();
            t.row(
                    String.valueOf(s.point().index() + 1),
                    s.point().label(),
                    s.point().id().value(),
                    s.state().name().toLowerCase(Locale.ROOT),
                    steps(r),
                    percent(r == null ? null : r.idAcc()),
                    percent(r == null ? null : r.oodAcc()),
                    next(s));
        }
        return summary() + "\n" + t.render();
    }

    private String next(PointStatus s) {
        return switch (s.action()) {
            case TRAIN -> "train";
            case EVALUATE -> "evaluate grid";
            case RETRY ->
                "retry (attempt " + (s.attempts() + 1) + " of " + (maxRetries + 1) + "); failed: "
                        + oneLine(s.reason());
            case RESUME -> "resume from checkpoint (" + oneLine(s.reason()) + ")";
            case NONE ->
                switch (s.state()) {
                    case FAILED ->
                        "gave up after " + s.attempts() + (s.attempts() == 1 ? " attempt: " : " attempts: ")
                                + oneLine(s.reason());
                    case RUNNING -> "attempt " + s.attempts();
                    default -> "";
                };
        };
    }

    private static String steps(RunRecord r) {
        if (r == null) {
            return "-";
        }
        return r.step() + " / " + (r.budgetSteps() > 0 ? String.valueOf(r.budgetSteps()) : "-");
    }

    private static String percent(Double acc) {
        return acc == null || acc.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * acc);
    }

    private static String oneLine(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason recorded";
        }
        String s = reason.strip().replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}

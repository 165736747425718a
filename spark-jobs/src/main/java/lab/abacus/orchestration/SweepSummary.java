package lab.abacus.orchestration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.console.TextTable;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepPlan.PointStatus;
import lab.abacus.sweep.SweepPlan.State;
import org.apache.hadoop.fs.Path;

/**
 * The end-of-sweep summary: one line per grid point (its seeds pooled): seeds done / total, and mean ± std over
 * seeds of the evaluation grid's in-distribution and out-of-distribution exact match, plus failed points with their
 * reason. Printed by {@code sweep run} and written as {@code <root>/sweeps/<name>/report/summary.md}.
 */
public final class SweepSummary {

    private SweepSummary() {}

    /** One grid point over its seeds. */
    public record Line(String point, int seeds, int done, Stat id, Stat ood, List<String> failures) {}

    /** Mean and sample std (NaN std with fewer than 2 values); n = 0 when nothing was measured. */
    public record Stat(double mean, double std, int n) {
        static Stat of(List<Double> v) {
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double std = Double.NaN;
            if (v.size() > 1) {
                std = Math.sqrt(
                        v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1));
            }
            return new Stat(mean, std, v.size());
        }

        public String text() {
            if (n == 0) {
                return "-";
            }
            return Double.isNaN(std)
                    ? String.format(Locale.ROOT, "%.1f%%", 100 * mean)
                    : String.format(Locale.ROOT, "%.1f ± %.1f%%", 100 * mean, 100 * std);
        }
    }

    /** The lines of a plan, in sweep order. */
    public static List<Line> lines(SweepPlan plan) {
        Map<String, List<PointStatus>> groups = new LinkedHashMap<>();
        for (PointStatus s : plan.points()) {
            groups.computeIfAbsent(pointLabel(s.point()), k -> new ArrayList<>())
                    .add(s);
        }
        List<Line> out = new ArrayList<>();
        groups.forEach((label, members) -> {
            List<Double> id = new ArrayList<>();
            List<Double> ood = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int done = 0;
            for (PointStatus s : members) {
                if (s.state() == State.DONE) {
                    done++;
                    if (s.latest() != null && s.latest().idAcc() != null) {
                        id.add(s.latest().idAcc());
                    }
                    if (s.latest() != null && s.latest().oodAcc() != null) {
                        ood.add(s.latest().oodAcc());
                    }
                } else if (s.state() == State.FAILED) {
                    failures.add(s.point().label() + ": " + s.reason());
                }
            }
            out.add(new Line(label, members.size(), done, Stat.of(id), Stat.of(ood), failures));
        });
        return out;
    }

    /** A point's label without its seed coordinate ("base" when the seed is the only axis). */
    static String pointLabel(RunSpec p) {
        List<String> parts = p.coordinates().stream()
                .filter(c -> !c.path().equals("train.seed") || p.seed() == null)
                .map(RunSpec.Coordinate::toString)
                .toList();
        return parts.isEmpty() ? "all" : String.join(",", parts);
    }

    /** The table as text. */
    public static String render(SweepPlan plan) {
        TextTable t = new TextTable("point", "seeds done>", "ID acc>", "OOD acc>");
        List<Line> lines = lines(plan);
        for (Line l : lines) {
            t.row(l.point(), l.done() + "/" + l.seeds(), l.id().text(), l.ood().text());
        }
        StringBuilder sb = new StringBuilder(t.render());
        for (Line l : lines) {
            for (String f : l.failures()) {
                sb.append("failed: ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    /** Markdown of the summary and the plan; returns its path. */
    public static Path write(Storage storage, SweepPlan plan) {
        Path file = new Path(new Path(storage.sweep(plan.name()), "report"), "summary.md");
        String md = "# Sweep " + plan.name() + "\n\n" + plan.summary() + "\n\n"
                + "Accuracy, mean ± std over seeds: exact match on the evaluation grid once it is complete (ID: cells"
                + " within the training lengths, OOD: the rest); for a point without a grid (the structural tasks) the"
                + " final held-out evaluation (ID: val, OOD: gen).\n\n```\n" + render(plan)
                + "```\n\n## Points\n\n```\n" + plan.render()
                + "```\n";
        storage.writeString(file, md);
        return file;
    }
}

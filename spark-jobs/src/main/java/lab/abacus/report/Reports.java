package lab.abacus.report;

import java.io.PrintStream;
import java.util.List;
import lab.abacus.grid.EvalSettings;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** {@code abacus report <run-id | sweep-name>}: a run report when a run of that id has cells, else a sweep report. */
public final class Reports {

    private Reports() {}

    /** Writes the report for {@code target} and prints its summary and location; returns the report directory. */
    public static Path report(
            SparkSession spark, Storage storage, EvalSettings settings, String target, PrintStream out) {
        List<SweepReport.RunRef> refs = SweepReport.refsFromRunsTable(spark, storage, target);
        if (!refs.isEmpty()) {
            List<SweepReport.PointRow> rows = SweepReport.write(spark, storage, settings, target, refs);
            out.printf(
                    "%-40s %-14s %6s %14s %14s %14s %8s%n",
                    "point", "grid", "seeds", "ID %", "OOD %", "beyond %", "ok");
            for (SweepReport.PointRow r : rows) {
                out.printf(
                        "%-40s %-14s %6d %14s %14s %14s %5d/%d%n",
                        r.point(),
                        r.task(),
                        r.evaluated(),
                        r.id().text(),
                        r.ood().text(),
                        r.beyond().text(),
                        r.succeeded(),
                        r.evaluated());
            }
            Path dir = new Path(storage.sweep(target), "report");
            out.println("report: " + new Path(dir, "index.html"));
            return dir;
        }
        List<RunReport.GridSummary> grids;
        try {
            grids = RunReport.write(spark, storage, settings, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "no sweep named '" + target + "' in the runs table and " + e.getMessage());
        }
        for (RunReport.GridSummary s : grids) {
            out.printf(
                    "%s: %d cells, ID %s, OOD %s, beyond %s%n  heatmap: %s%n",
                    s.grid(),
                    s.cells(),
                    RunReport.pct(s.id()),
                    RunReport.pct(s.ood()),
                    RunReport.pct(s.beyond()),
                    s.heatmap());
        }
        return new Path(storage.run(target), "report");
    }
}

package lab.abacus.orchestration;

import java.util.List;
import lab.abacus.grid.EvalSettings;
import lab.abacus.report.SweepReport;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepSpec;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 4: the sweep report (heatmaps, mean ± std over seeds, success fraction: {@link SweepReport}) over the
 * sweep's done points, each named by its label without the seed.
 */
final class SweepReports {

    private SweepReports() {}

    /** Writes {@code <root>/sweeps/<name>/report/}; returns its index.html. */
    static Path write(SparkSession spark, Storage storage, SweepSpec spec, SweepPlan plan) {
        List<SweepReport.RunRef> refs = plan.points().stream()
                .filter(p -> p.state() == SweepPlan.State.DONE)
                .map(p -> new SweepReport.RunRef(
                        p.point().id().value(),
                        SweepSummary.pointLabel(p.point()),
                        p.point().seed() == null ? 0 : p.point().seed()))
                .toList();
        SweepReport.write(spark, storage, EvalSettings.from(spec.config()), spec.name(), refs);
        return new Path(new Path(storage.sweep(spec.name()), "report"), "index.html");
    }
}

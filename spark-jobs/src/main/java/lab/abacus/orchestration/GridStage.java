package lab.abacus.orchestration;

import lab.abacus.grid.CellDecoder;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.EvaluateGridJob;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.RunSpec;
import org.apache.spark.sql.SparkSession;

import java.util.function.UnaryOperator;

/**
 * Stage 3: a trained point's evaluation grid (EvaluateGridJob), reading the model from the run's latest
 * checkpoint. The job itself skips cells already in {@code eval_cells}, so an interrupted grid resumes with the
 * missing cells.
 */
public final class GridStage {

    private final UnaryOperator<CellDecoder.Loader> decorate;

    /** @param decorate wraps the checkpoint loader (tests: fail after some cells); identity in production */
    public GridStage(UnaryOperator<CellDecoder.Loader> decorate) {
        this.decorate = decorate;
    }

    public static GridStage standard() {
        return new GridStage(UnaryOperator.identity());
    }

    public EvaluateGridJob.Result evaluate(SparkSession spark, Storage storage, StorageRef ref, RunSpec point,
                                           PointJob job) {
        EvalSettings settings = EvalSettings.from(point.config());
        CellDecoder.Loader loader = decorate.apply(new RunCheckpointLoader(ref, job.runId(), job.datasetId()));
        EvaluateGridJob.Request req = new EvaluateGridJob.Request(job.runId(), job.datasetId(),
                settings.gridFor(job.task()), settings, null, loader);
        return EvaluateGridJob.run(spark, storage, req);
    }
}

package lab.abacus.orchestration;

import java.util.function.UnaryOperator;
import lab.abacus.data.DataSettings;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CellDecoder;
import lab.abacus.grid.CheckpointLoader;
import lab.abacus.grid.EvalSettings;
import lab.abacus.grid.InDistribution;
import lab.abacus.gridjob.EvaluateGridJob;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.RunSpec;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 3: a trained point's evaluation grid (EvaluateGridJob), reading the model from the run's latest
 * checkpoint ({@link CheckpointLoader}, as {@code abacus eval} does). The job skips cells already in
 * {@code eval_cells}, so an interrupted grid resumes with the missing cells.
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

    public EvaluateGridJob.Result evaluate(SparkSession spark, Storage storage, RunSpec point) {
        EvalSettings es = EvalSettings.from(point.config());
        DataSettings data = DataSettings.from(point.config());
        InDistribution id = es.inDistributionFromDataset()
                ? new InDistribution(data.trainLenA(), data.trainLenB())
                : new InDistribution(es.idMaxA(), es.idMaxB());
        RunTarget target = point.target();
        EvalVariant variant = es.variantFor(ModelSettings.from(point.config()));
        CellDecoder.Loader loader = decorate.apply(new CheckpointLoader(
                storage.ref(), target.runId(), variant, GreedyDecoder.Method.KV_CACHE, es.threads()));
        return EvaluateGridJob.run(
                spark,
                storage,
                new Leases(storage, LeaseSettings.from(point.config())),
                new EvaluateGridJob.Request(
                        target.runId(), target.datasetId(), es.gridFor(target.task()), es, id, variant, loader));
    }
}

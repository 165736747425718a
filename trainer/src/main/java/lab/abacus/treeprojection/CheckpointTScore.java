package lab.abacus.treeprojection;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.Checkpoints;
import lab.abacus.run.RunDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.structural.StructuralDataset;
import org.apache.hadoop.fs.Path;

/**
 * t_score of one checkpoint of a structural run over a part of its sentence sample: what one Spark task of the
 * tree-projection job does, on the CPU with {@code threads} libtorch threads. The model comes from the run's
 * {@code run.conf} and its dataset's vocabulary; the parameters from {@code checkpoints/step-<step>}, verified.
 */
public record CheckpointTScore(StorageRef storageRef, String runId, String datasetId, long step, int threads)
        implements Serializable {

    public TScore score(List<int[]> sentences, int firstIndex, int batch, long seed) {
        Storage storage = storageRef.open();
        RunDirectory dir = new RunDirectory(storage, runId);
        Config conf = dir.readConfig()
                .orElseThrow(() -> new IllegalStateException(
                        "run " + runId + " has no " + RunDirectory.CONFIG + " under " + dir.dir()));
        ModelSettings ms = ModelSettings.from(conf);
        int vocab = StructuralDataset.open(storage, datasetId).vocabulary().size();
        LibTorch.threads(threads, 1);
        try (NDManager base = NDManager.newBaseManager(Device.cpu());
                LanguageModel model = LanguageModel.create(ms, vocab, base)) {
            Checkpoints checkpoints = dir.checkpoints();
            checkpoints.load(new Path(checkpoints.dir(), Checkpoints.name(step)), model::load, null);
            return TScore.of(model, sentences, firstIndex, batch, seed);
        }
    }
}

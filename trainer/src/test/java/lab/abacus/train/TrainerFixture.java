package lab.abacus.train;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.TinyDatasets;
import lab.abacus.storage.Storage;

/** Tiny models, tiny datasets and one thread: what every training test starts from. */
final class TrainerFixture {

    private TrainerFixture() {}

    static final List<String> TINY = List.of(
            "model.hidden=32",
            "model.intermediate=64",
            "model.heads=2",
            "model.layers=2",
            "model.abacus.max-k=20",
            "train.batch-size=32",
            "train.lr=3e-3",
            "train.budget.steps=30",
            "train.threads.intra=1",
            "train.threads.inter=1",
            "train.metrics-every=1",
            "train.eval.every=0",
            "train.eval.samples=0",
            "train.checkpoint.every-steps=10",
            "train.checkpoint.every-time=0s",
            "train.progress=false");

    static Config config(String... overrides) {
        List<String> o = new ArrayList<>(TINY);
        o.addAll(List.of(overrides));
        return AbacusConfig.load(null, o);
    }

    /** 1–2 digit reversed addition (train) and 1–3 digit held-out rows (eval: 3-digit ones are OOD). */
    static void additionDataset(Storage storage, String id, int perCell) {
        TinyDatasets.write(
                storage, id, TinyDatasets.addition(1, 2, 2, perCell, 11), TinyDatasets.addition(1, 3, 3, 8, 12));
    }

    static RunOptions quiet() {
        return RunOptions.defaults().withSignals(false);
    }
}

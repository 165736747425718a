package lab.abacus.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CellDecoder;
import lab.abacus.grid.CheckpointLoader;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Vocabulary;

/**
 * A model with random weights (seed 0) instead of a checkpoint, for benchmarks: decoding cost does not depend on the
 * weights. {@code overrides} are {@code key=value} config overrides ({@code model.hidden=128}, ...).
 */
public record RandomModelLoader(ArrayList<String> overrides, GreedyDecoder.Method method, int threads)
        implements CellDecoder.Loader {

    /** The model of {@code base} overrides with {@code user}'s over them. */
    public static RandomModelLoader of(List<String> base, List<String> user, GreedyDecoder.Method method, int threads) {
        ArrayList<String> all = new ArrayList<>(base);
        all.addAll(user);
        settings(all, List.of()); // a bad key fails here, on the driver, not in a task
        return new RandomModelLoader(all, method, threads);
    }

    /** The model settings of the reference with {@code base} and then {@code user} overrides applied. */
    static ModelSettings settings(List<String> base, List<String> user) {
        List<String> all = new ArrayList<>(base);
        all.addAll(user);
        return ModelSettings.from(AbacusConfig.load(null, all));
    }

    @Override
    public CellDecoder open() {
        LibTorch.threads(threads, 1);
        Engine.getInstance().setRandomSeed(0);
        ModelSettings ms = settings(overrides, List.of());
        return CheckpointLoader.open(
                ms, Vocabulary.PAD_TOKENIZER, model -> {}, EvalVariant.asTrained(ms), method, threads, Device.cpu());
    }
}

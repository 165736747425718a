package lab.abacus.grid;

import ai.djl.engine.Engine;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * A model with random weights (seed 0) instead of a checkpoint, for benchmarks: decoding cost does not depend on the
 * weights. {@code modelOverrides} are {@code abacus.model} keys ({@code hidden=128}, ...).
 */
public record RandomModelLoader(ArrayList<String> modelOverrides, GreedyDecoder.Method method, int threads)
        implements CellDecoder.Loader {

    public static RandomModelLoader of(List<String> modelOverrides, GreedyDecoder.Method method, int threads) {
        return new RandomModelLoader(new ArrayList<>(modelOverrides), method, threads);
    }

    @Override
    public CellDecoder open() {
        CheckpointLoader.setThreads(threads);
        Engine.getInstance().setRandomSeed(0);
        ModelSettings ms = ModelSettings.parse(modelOverrides.toArray(String[]::new));
        return CheckpointLoader.open(ms, Vocabulary.PAD_TOKENIZER, model -> { }, method, threads);
    }
}

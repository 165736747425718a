package lab.abacus.grid;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import lab.abacus.data.DataSettings;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.model.EvalVariant;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.run.RunDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.Vocabulary;

/**
 * Opens a run's model where the grid runs (an executor): reads {@code <root>/runs/<run-id>/run.conf} for the model
 * settings and task, loads the parameters of the newest checkpoint that verifies, and decodes greedily with the
 * decoder of {@code lab.abacus.decode} (KV cache by default; {@code RECOMPUTE} for the baseline benchmark).
 * Works on any Hadoop file system the root names. On the CPU with {@code threads} libtorch threads per task, or on
 * GPU {@code gpu} when the task was assigned one ({@link #onGpu}).
 *
 * @param gpu the CUDA device index, or null for the CPU
 */
public record CheckpointLoader(
        StorageRef storageRef, String runId, EvalVariant variant, GreedyDecoder.Method method, int threads, Integer gpu)
        implements CellDecoder.Loader {

    /** On the CPU. */
    public CheckpointLoader(
            StorageRef storageRef, String runId, EvalVariant variant, GreedyDecoder.Method method, int threads) {
        this(storageRef, runId, variant, method, threads, null);
    }

    @Override
    public CheckpointLoader onGpu(int index) {
        return new CheckpointLoader(storageRef, runId, variant, method, threads, index);
    }

    @Override
    public CellDecoder open() {
        Storage storage = storageRef.open();
        RunDirectory dir = new RunDirectory(storage, runId);
        Config conf = dir.readConfig()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no " + RunDirectory.CONFIG
                        + " under " + dir.dir() + " (was it trained?)"));
        Vocabulary vocab = DataSettings.from(conf).task().vocabulary();
        ModelSettings ms = ModelSettings.from(conf);
        return open(ms, vocab, model -> loadNewest(dir, model), variant, method, threads, device());
    }

    /** The device this loader opens models on. */
    public Device device() {
        return gpu == null ? Device.cpu() : LibTorch.gpu(gpu);
    }

    /** The newest checkpoint that verifies; an older one (with a warning on stderr) when the newest is corrupt. */
    private void loadNewest(RunDirectory dir, LanguageModel model) {
        boolean loaded = dir.checkpoints()
                .loadNewest(model::load, null, warning -> System.err.println("warning: run " + runId + ": " + warning))
                .isPresent();
        if (!loaded) {
            throw new IllegalStateException("run " + runId + " has no checkpoint under "
                    + dir.checkpoints().dir());
        }
    }

    /** Fills a freshly created model's parameters. */
    public interface ParameterSource {
        void fill(LanguageModel model) throws IOException;
    }

    /** A decoder over a model of {@code ms} whose parameters come from {@code source}. */
    public static CellDecoder open(
            ModelSettings ms,
            Vocabulary vocab,
            ParameterSource source,
            EvalVariant variant,
            GreedyDecoder.Method method,
            int threads,
            Device device) {
        LibTorch.threads(threads, 1);
        NDManager base = NDManager.newBaseManager(device);
        LanguageModel model;
        try {
            model = LanguageModel.create(ms, vocab.size(), base);
            source.fill(model);
        } catch (IOException e) {
            base.close();
            throw new UncheckedIOException("loading model parameters: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        GreedyDecoder decoder = new GreedyDecoder(model, variant);
        return new CellDecoder() {
            @Override
            public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
                return Arrays.asList(decoder.decode(prompts.toArray(int[][]::new), maxNewTokens, method, true));
            }

            @Override
            public void close() {
                model.close();
                base.close();
            }
        };
    }
}

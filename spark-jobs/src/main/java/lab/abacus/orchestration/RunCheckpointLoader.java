package lab.abacus.orchestration;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.SplitReader;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CellDecoder;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.storage.Storage;
import lab.abacus.task.Vocabulary;
import lab.abacus.train.Checkpoints;
import lab.abacus.train.RunDirectory;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Opens a trained run's model in an executor for the evaluation grid: the model settings from
 * {@code runs/<id>/run.conf}, the vocabulary of the run's dataset (as the trainer chose it), the parameters of the
 * checkpoint {@code latest} names; decodes with the KV cache on CPU.
 */
public record RunCheckpointLoader(StorageRef storage, String runId, String datasetId) implements CellDecoder.Loader {

    @Override
    public CellDecoder open() {
        Storage st = storage.open();
        RunDirectory dir = new RunDirectory(st, runId);
        Path confPath = new Path(dir.dir(), RunDirectory.CONFIG);
        if (!st.exists(confPath)) {
            throw new IllegalStateException("run " + runId + " has no " + confPath + " (was it trained?)");
        }
        Config conf = AbacusConfig.fromLayers(ConfigFactory.parseString(st.readString(confPath)));
        Path ckpt = dir.checkpoints().latest().orElseThrow(() ->
                new IllegalStateException("run " + runId + " has no checkpoint under " + dir.checkpoints().dir()));
        Vocabulary vocab = Vocabulary.byName(SplitReader.open(st, datasetId).tokenizer("pad"));
        ModelSettings ms = ModelSettings.from(conf);
        NDManager base = NDManager.newBaseManager(Device.cpu());
        LanguageModel model;
        try {
            model = LanguageModel.create(ms, vocab.size(), base);
            try (InputStream raw = st.fs().open(new Path(ckpt, Checkpoints.MODEL))) {
                model.load(new BufferedInputStream(raw, 1 << 20));
            }
        } catch (IOException e) {
            base.close();
            throw new UncheckedIOException("loading " + ckpt + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        GreedyDecoder decoder = new GreedyDecoder(model);
        return new CellDecoder() {
            @Override
            public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
                return Arrays.asList(decoder.decode(prompts.toArray(int[][]::new), maxNewTokens,
                        GreedyDecoder.Method.KV_CACHE, true));
            }

            @Override
            public void close() {
                model.close();
                base.close();
            }
        };
    }
}

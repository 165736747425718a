package lab.abacus.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import lab.abacus.storage.Storage;
import lab.abacus.tables.TableReader;
import org.apache.hadoop.fs.Path;

/**
 * Reads a complete dataset's splits without Spark, through the Hadoop FileSystem and parquet-hadoop, for the
 * trainer: {@code <dataset>/train} and {@code <dataset>/eval} (rows {@code len_a, len_b, prompt, answer}, plus
 * {@code sample} in eval). A dataset is complete only once its {@code manifest.json} exists (written last by the
 * generator); reading anything else fails with a message naming the path.
 */
public final class SplitReader {

    /** One dataset row: the prompt is the model-facing text through '=' inclusive; the answer has no EOS. */
    public record Example(int lenA, int lenB, String prompt, String answer) {}

    private final Storage storage;
    private final Path dir;
    private final Config manifest;

    private SplitReader(Storage storage, Path dir, Config manifest) {
        this.storage = storage;
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Open dataset {@code datasetId} under the storage root; fails unless its manifest exists. */
    public static SplitReader open(Storage storage, String datasetId) {
        return open(storage, storage.dataset(datasetId));
    }

    public static SplitReader open(Storage storage, Path datasetDir) {
        Path manifestPath = new Path(datasetDir, "manifest.json");
        if (!storage.exists(manifestPath)) {
            throw new IllegalStateException("dataset " + datasetDir + " is missing or incomplete: no "
                    + manifestPath.getName() + " (the generator writes it last; run `abacus datagen` for it)");
        }
        Config manifest;
        try {
            manifest = ConfigFactory.parseString(storage.readString(manifestPath));
        } catch (ConfigException e) {
            throw new IllegalStateException(manifestPath + ": not valid JSON: " + e.getMessage(), e);
        }
        return new SplitReader(storage, datasetDir, manifest);
    }

    public Path dir() {
        return dir;
    }

    /** The parsed {@code manifest.json} (keys owned by the generator). */
    public Config manifest() {
        return manifest;
    }

    /** The manifest's task name, when it records one as text. */
    public Optional<String> task() {
        try {
            return manifest.hasPath("task") ? Optional.of(manifest.getString("task")) : Optional.empty();
        } catch (ConfigException.WrongType e) {
            return Optional.empty();
        }
    }

    /** The manifest's tokenizer name ({@code pad} or {@code sort}), or {@code fallback} when it names none. */
    public String tokenizer(String fallback) {
        for (String key : List.of("tokenizer", "vocabulary")) {
            if (manifest.hasPath(key)) {
                try {
                    return manifest.getString(key);
                } catch (ConfigException.WrongType ignored) {
                    // e.g. an object: fall through
                }
            }
        }
        return fallback;
    }

    /** Stream every row of {@code split} ("train" or "eval"); fails when the split has no Parquet files. */
    public void forEach(String split, Consumer<Example> sink) {
        Path splitDir = new Path(dir, split);
        List<Path> files = TableReader.visibleParquetFiles(storage.fs(), splitDir);
        if (files.isEmpty()) {
            throw new IllegalStateException("dataset split " + splitDir + " has no Parquet files");
        }
        for (Path f : files) {
            TableReader.forEachRow(storage.hadoop(), f, row -> sink.accept(example(f, row)));
        }
    }

    private static Example example(Path file, Map<String, Object> row) {
        if (row.get("len_a") instanceof Number a
                && row.get("len_b") instanceof Number b
                && row.get("prompt") instanceof String p
                && row.get("answer") instanceof String ans) {
            return new Example(a.intValue(), b.intValue(), p, ans);
        }
        throw new IllegalStateException(file + ": expected columns len_a INT, len_b INT, prompt STRING,"
                + " answer STRING but a row has " + row.keySet());
    }
}

package lab.abacus.structural;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.abacus.config.Settings;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetId;
import lab.abacus.task.DyckString;
import lab.abacus.task.StructuralTask;

/**
 * {@code abacus.data} of a structural task: Dyck's language and split sizes, or where McCoy's files are. Sharding,
 * seed and compression are read from the same keys as for the arithmetic tasks.
 *
 * @param trainRows Dyck training strings ({@code train.rows}; McCoy: the whole file)
 * @param source    McCoy: the directory (path or Hadoop URI) holding the task's three files
 */
public record StructuralDataSettings(
        StructuralTask task,
        long trainRows,
        int types,
        int maxDepth,
        int minLength,
        int valRows,
        int genRows,
        String source,
        long seed,
        int shards,
        int evalShards,
        int partitions,
        String compression)
        implements java.io.Serializable {

    /** Whether {@code abacus.data.task} names a structural task. */
    public static boolean applies(Config config) {
        String key = DataSettings.SECTION + ".task";
        return config.hasPath(key)
                && StructuralTask.named(config.getString(key)).isPresent();
    }

    public static StructuralDataSettings from(Config config) {
        Settings s = Settings.section(config, DataSettings.SECTION);
        StructuralTask task = s.enumValue("task", StructuralTask.class);
        String compression = DataSettings.compression(s);
        String source = s.string("mccoy.source").trim();
        if (task.ingested()) {
            s.require(
                    !source.isEmpty(),
                    "mccoy.source",
                    "is empty: " + task.configName() + " is read from McCoy et al.'s files "
                            + task.sourceFile(0) + ", " + task.sourceFile(1) + ", " + task.sourceFile(2)
                            + "; set it to the directory that holds them (see docs/structural.md)");
        }
        return new StructuralDataSettings(
                task,
                s.longIn("train.rows", 1, 100_000_000L),
                s.intIn("dyck.types", 1, DyckString.MAX_TYPES),
                s.intIn("dyck.max-depth", 1, 1000),
                s.intIn("dyck.min-length", 0, 10_000),
                s.intIn("dyck.val-rows", 1, 10_000_000),
                s.intIn("dyck.gen-rows", 1, 10_000_000),
                task.ingested() ? source : "",
                s.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                s.intIn("shards", 1, 100_000),
                s.intIn("eval-shards", 1, 100_000),
                s.intIn("partitions", 0, 1_000_000),
                compression);
    }

    /** Rows planned for split {@code i} of {@link StructuralTask#SPLITS} (Dyck only). */
    public long plannedRows(int split) {
        return switch (split) {
            case 0 -> trainRows;
            case 1 -> valRows;
            default -> genRows;
        };
    }

    /**
     * The settings that determine the dataset, in canonical form: Dyck's language, sizes, seed and shards; for
     * McCoy's tasks the source directory and the part-of-speech file read from it (the manifest records the files'
     * hashes, and a later datagen refuses a source whose files changed since).
     */
    public Config identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.configName());
        if (task.ingested()) {
            m.put("source", source);
            task.partsOfSpeechFile().ifPresent(f -> m.put("parts-of-speech", f));
        } else {
            m.put("train-rows", trainRows);
            m.put("dyck", Map.of("types", types, "max-depth", maxDepth, "min-length", minLength));
            m.put("val-rows", valRows);
            m.put("gen-rows", genRows);
            m.put("seed", seed);
            m.put("shards", shards);
            m.put("eval-shards", evalShards);
        }
        return ConfigFactory.empty()
                .withValue("data", ConfigValueFactory.fromMap(m))
                .getConfig("data");
    }

    public String datasetId() {
        return DatasetId.of(task.configName(), identity());
    }
}

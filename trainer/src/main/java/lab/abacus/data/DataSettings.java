package lab.abacus.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.Settings;
import lab.abacus.task.LabelSet;
import lab.abacus.task.StructuralTask;
import lab.abacus.task.TaskKind;

/**
 * {@code abacus.data}: which task, the train and eval grids, sizes, seed and sharding of a dataset.
 * Built once from the validated config; range and cross-field checks report file:line and key.
 *
 * @param trainLenA     training cells use len_a in 1..trainLenA (sorting: max digits)
 * @param trainLenB     training cells use len_b in 1..trainLenB (sorting: array length)
 * @param trainRows     rows of the training split, spread equally over its cells
 * @param diagonalFrom  first extra equal-length eval cell (addition/subtraction); diagonalTo 0 = none
 */
public record DataSettings(
        TaskKind task,
        int trainLenA,
        int trainLenB,
        long trainRows,
        int evalLenAFrom,
        int evalLenATo,
        int evalLenBFrom,
        int evalLenBTo,
        int evalSamples,
        int diagonalFrom,
        int diagonalTo,
        LabelSet labelSet,
        long seed,
        int shards,
        int evalShards,
        boolean dedup,
        int partitions,
        String compression)
        implements java.io.Serializable {

    public static final String SECTION = "abacus.data";
    /** Longest operand / array the generators accept (keeps eval lengths and sequence lengths sane). */
    public static final int MAX_LENGTH = 1000;

    public static DataSettings from(Config config) {
        Settings s = Settings.section(config, SECTION);
        s.require(
                StructuralTask.named(s.string("task").trim()).isEmpty(),
                "task",
                "'" + s.string("task").trim() + "' is a structural task, read by its own settings (there is no"
                        + " length grid for it; docs/structural.md)");
        TaskKind task = s.enumValue("task", TaskKind.class);
        int trainA = s.intIn("train.len-a", 1, MAX_LENGTH);
        int trainB = s.intIn("train.len-b", 1, MAX_LENGTH);
        long rows = s.longIn("train.rows", 1, 10_000_000_000L);
        int eaFrom = s.intIn("eval.len-a-from", 1, MAX_LENGTH);
        int eaTo = s.intIn("eval.len-a-to", 0, MAX_LENGTH);
        int ebFrom = s.intIn("eval.len-b-from", 1, MAX_LENGTH);
        int ebTo = s.intIn("eval.len-b-to", 0, MAX_LENGTH);
        s.require(
                eaTo == 0 || eaTo >= eaFrom,
                "eval.len-a-to",
                "must be >= eval.len-a-from (" + eaFrom + ") or 0 for none");
        s.require(
                ebTo == 0 || ebTo >= ebFrom,
                "eval.len-b-to",
                "must be >= eval.len-b-from (" + ebFrom + ") or 0 for none");
        int samples = s.intIn("eval.samples", 1, 1_000_000);
        int dFrom = s.intIn("eval.diagonal-from", 1, MAX_LENGTH);
        int dTo = s.intIn("eval.diagonal-to", 0, MAX_LENGTH);
        s.require(
                dTo == 0 || dTo >= dFrom,
                "eval.diagonal-to",
                "must be >= eval.diagonal-from (" + dFrom + ") or 0 for none");
        LabelSet labels = s.enumValue("label-set", LabelSet.class);
        long seed = s.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int shards = s.intIn("shards", 1, 100_000);
        int evalShards = s.intIn("eval-shards", 1, 100_000);
        boolean dedup = s.bool("dedup");
        int partitions = s.intIn("partitions", 0, 1_000_000);
        String compression = compression(s);
        if (task == TaskKind.SORTING) {
            s.require(
                    trainB <= labels.size(),
                    "train.len-b",
                    "sorting arrays need distinct labels: at most " + labels.size() + " with label-set "
                            + labels.configName());
            s.require(
                    ebTo <= labels.size(),
                    "eval.len-b-to",
                    "sorting arrays need distinct labels: at most " + labels.size() + " with label-set "
                            + labels.configName());
        }
        return new DataSettings(
                task,
                trainA,
                trainB,
                rows,
                eaFrom,
                eaTo,
                ebFrom,
                ebTo,
                samples,
                dFrom,
                dTo,
                labels,
                seed,
                shards,
                evalShards,
                dedup,
                partitions,
                compression);
    }

    /** {@code compression}, one of the Parquet codecs every reader has. */
    public static String compression(Settings s) {
        String compression = s.string("compression").trim().toLowerCase(java.util.Locale.ROOT);
        s.require(
                List.of("snappy", "zstd", "gzip", "uncompressed").contains(compression),
                "compression",
                "'" + compression + "' is not one of: snappy, zstd, gzip, uncompressed");
        return compression;
    }

    /**
     * The run keys (relative to {@code abacus}) that cannot change a run of the task {@code runConfig} names: the
     * other task family's settings. Run ids leave them out, so settings added for one family keep the other's ids.
     */
    public static List<String> keysOutsideTask(Config runConfig) {
        String key = SECTION + ".task";
        boolean structural = runConfig.hasPath(key)
                && StructuralTask.named(runConfig.getString(key).trim()).isPresent();
        return structural
                ? List.of()
                : List.of(
                        "data.dyck",
                        "data.mccoy",
                        "train.eval.dyck-min-distance",
                        "train.eval.structure-samples",
                        "train.eval.qf-first-word");
    }

    /** Whether the equal-length diagonal applies (addition and subtraction only). */
    public boolean hasDiagonal() {
        return diagonalTo > 0 && (task == TaskKind.ADDITION || task == TaskKind.SUBTRACTION);
    }

    /** The label set, meaningful for sorting only (recorded as "none" otherwise). */
    public String labelSetName() {
        return task == TaskKind.SORTING ? labelSet.configName() : "none";
    }

    /**
     * The settings that determine the rows, as a config object in canonical form (the basis of the dataset id).
     * Settings that do not change the rows (partitions, compression) and labels of tasks without labels are left out.
     */
    public Config identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.configName());
        m.put("train", Map.of("len-a", trainLenA, "len-b", trainLenB, "rows", trainRows));
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("len-a-from", evalLenAFrom);
        eval.put("len-a-to", evalLenATo);
        eval.put("len-b-from", evalLenBFrom);
        eval.put("len-b-to", evalLenBTo);
        eval.put("samples", evalSamples);
        eval.put("diagonal-from", hasDiagonal() ? diagonalFrom : 0);
        eval.put("diagonal-to", hasDiagonal() ? diagonalTo : 0);
        m.put("eval", eval);
        m.put("label-set", labelSetName());
        m.put("seed", seed);
        m.put("shards", shards);
        m.put("eval-shards", evalShards);
        m.put("dedup", dedup);
        return ConfigFactory.empty()
                .withValue("data", ConfigValueFactory.fromMap(m))
                .getConfig("data");
    }
}

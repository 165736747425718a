package lab.abacus.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <root>/datasets/<id>/manifest.json}: written last, its presence marks a complete dataset. JSON rendered by
 * Typesafe Config. Per-cell counts are compact lists {@code [len_a, len_b, n, dedup]} (see {@code cell_columns};
 * dedup codes in {@code dedup_codes}, {@link Exclusions}).
 *
 * @param maxSequenceLength tokens of the longest training row including EOS (what the trainer pads to)
 * @param contentHash       hash of every row in shard order (independent of Parquet encoding and compression)
 */
public record DatasetManifest(
        int formatVersion,
        String datasetId,
        String task,
        String tokenizer,
        String labelSet,
        long seed,
        Config config,
        Split train,
        Split eval,
        int maxSequenceLength,
        String contentHash,
        String codeVersion,
        String createdAt,
        double generationSeconds) {

    public static final String FILE_NAME = "manifest.json";

    /** One split: totals, files, and per-cell counts. */
    public record Split(long rows, long bytes, int files, int maxSequenceLength, long redraws, List<CellCount> cells) {

        public long minCellCount() {
            return cells.stream().mapToLong(CellCount::n).min().orElse(0);
        }

        public long maxCellCount() {
            return cells.stream().mapToLong(CellCount::n).max().orElse(0);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("bytes", bytes);
            m.put("files", files);
            m.put("max_seq_len", maxSequenceLength);
            m.put("dedup_redraws", redraws);
            List<List<Object>> list = new ArrayList<>(cells.size());
            for (CellCount c : cells) {
                list.add(List.of(c.lenA(), c.lenB(), c.n(), c.dedup()));
            }
            m.put("cells", list);
            return m;
        }

        static Split from(Config c) {
            List<CellCount> cells = new ArrayList<>();
            for (Object o : c.getList("cells").unwrapped()) {
                List<?> l = (List<?>) o;
                cells.add(new CellCount(
                        ((Number) l.get(0)).intValue(),
                        ((Number) l.get(1)).intValue(),
                        ((Number) l.get(2)).longValue(),
                        ((Number) l.get(3)).intValue()));
            }
            return new Split(
                    c.getLong("rows"),
                    c.getLong("bytes"),
                    c.getInt("files"),
                    c.getInt("max_seq_len"),
                    c.getLong("dedup_redraws"),
                    List.copyOf(cells));
        }
    }

    /** Rows of one cell and its dedup code ({@link Exclusions#DISJOINT}, EXCLUDED, MAY_OVERLAP). */
    public record CellCount(int lenA, int lenB, long n, int dedup) {}

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", formatVersion);
        m.put("dataset_id", datasetId);
        m.put("task", task);
        m.put("tokenizer", tokenizer);
        m.put("label_set", labelSet);
        m.put("seed", seed);
        m.put("config", config.root().unwrapped());
        m.put("max_seq_len", maxSequenceLength);
        m.put("content_hash", contentHash);
        m.put("code_version", codeVersion);
        m.put("created_at", createdAt);
        m.put("generation_s", generationSeconds);
        m.put("cell_columns", List.of("len_a", "len_b", "n", "dedup"));
        Map<String, String> dedupCodes = new LinkedHashMap<>();
        for (int code : List.of(Exclusions.DISJOINT, Exclusions.EXCLUDED, Exclusions.MAY_OVERLAP)) {
            dedupCodes.put(String.valueOf(code), Exclusions.describe(code));
        }
        m.put("dedup_codes", dedupCodes);
        m.put("train", train.toMap());
        m.put("eval", eval.toMap());
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    /** Parse a manifest; throws {@link IllegalArgumentException} when it is not a complete manifest. */
    public static DatasetManifest parse(String json) {
        try {
            Config c = ConfigFactory.parseString(json);
            return new DatasetManifest(
                    c.getInt("format_version"),
                    c.getString("dataset_id"),
                    c.getString("task"),
                    c.getString("tokenizer"),
                    c.getString("label_set"),
                    c.getLong("seed"),
                    c.getConfig("config"),
                    Split.from(c.getConfig("train")),
                    Split.from(c.getConfig("eval")),
                    c.getInt("max_seq_len"),
                    c.getString("content_hash"),
                    c.getString("code_version"),
                    c.getString("created_at"),
                    c.getDouble("generation_s"));
        } catch (ConfigException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a valid dataset manifest: " + e.getMessage(), e);
        }
    }

    /** The code version recorded in manifests: Maven version + git commit at build time (see CodeVersion). */
    public static String currentCodeVersion() {
        return lab.abacus.version.CodeVersion.current().describe();
    }
}

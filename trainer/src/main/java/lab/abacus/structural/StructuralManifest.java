package lab.abacus.structural;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.data.DatasetId;
import lab.abacus.data.DatasetManifest;
import lab.abacus.hash.Hashing;
import lab.abacus.storage.Storage;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.fs.Path;

/**
 * {@code <root>/datasets/<id>/manifest.json} of a structural dataset, written last: its presence marks a complete
 * dataset. Besides what every manifest has (id, config, content hash, code version), it records the word vocabulary
 * (ids 4.. in order), per split the skeleton counts of the structural split or the markers of McCoy's files, and
 * for ingested data each source file's git blob SHA-1 next to the published one, and the part-of-speech tags the
 * task's scorer reads (tense inflection; empty otherwise).
 *
 * @param maxSequenceLength tokens of the longest training row with BOS or EOS (the language model's sequence length)
 */
public record StructuralManifest(
        int formatVersion,
        String datasetId,
        String task,
        List<String> vocabulary,
        Config config,
        Map<String, SplitSummary> splits,
        List<SourceCheck> sources,
        Map<String, String> partsOfSpeech,
        int maxSequenceLength,
        String contentHash,
        String codeVersion,
        String createdAt,
        double generationSeconds) {

    /**
     * One split.
     *
     * @param distinctSkeletons distinct component skeletons among its strings (Dyck; 0 otherwise)
     * @param unseenSkeletons   of those, how many never occur in train (0 for train and val by construction)
     * @param depthCounts       strings by deepest nesting, index = depth (Dyck)
     * @param markers           rows per transformation word (McCoy)
     * @param draws             candidate strings drawn to fill the held-out splits (Dyck val; 0 otherwise)
     */
    public record SplitSummary(
            long rows,
            long bytes,
            int files,
            int maxTokens,
            double meanTokens,
            long distinctSkeletons,
            long unseenSkeletons,
            List<Long> depthCounts,
            Map<String, Long> markers,
            long draws) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("bytes", bytes);
            m.put("files", files);
            m.put("max_tokens", maxTokens);
            m.put("mean_tokens", Math.round(meanTokens * 1000) / 1000.0);
            m.put("distinct_skeletons", distinctSkeletons);
            m.put("unseen_skeletons", unseenSkeletons);
            m.put("depth_counts", depthCounts);
            m.put("markers", markers);
            m.put("draws", draws);
            return m;
        }

        static SplitSummary from(Config c) {
            Map<String, Long> markers = new TreeMap<>();
            c.getConfig("markers")
                    .entrySet()
                    .forEach(e -> markers.put(e.getKey(), ((Number) e.getValue().unwrapped()).longValue()));
            return new SplitSummary(
                    c.getLong("rows"),
                    c.getLong("bytes"),
                    c.getInt("files"),
                    c.getInt("max_tokens"),
                    c.getDouble("mean_tokens"),
                    c.getLong("distinct_skeletons"),
                    c.getLong("unseen_skeletons"),
                    c.getLongList("depth_counts"),
                    markers,
                    c.getLong("draws"));
        }
    }

    /** A source file's check: its git blob SHA-1 and whether it is the published one. */
    public record SourceCheck(String split, String file, String path, long bytes, String gitBlob, String published) {

        public boolean matches() {
            return gitBlob.equals(published);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("split", split);
            m.put("file", file);
            m.put("path", path);
            m.put("bytes", bytes);
            m.put("git_blob_sha1", gitBlob);
            m.put("published_git_blob_sha1", published);
            m.put("matches_published", matches());
            return m;
        }

        static SourceCheck from(Config c) {
            return new SourceCheck(
                    c.getString("split"),
                    c.getString("file"),
                    c.getString("path"),
                    c.getLong("bytes"),
                    c.getString("git_blob_sha1"),
                    c.getString("published_git_blob_sha1"));
        }
    }

    /**
     * The manifest of a dataset whose splits were written under {@code dir}: each split's shard stats (in shard
     * order) merged, its bytes on storage, the content hash over every shard's rows in order.
     */
    public static StructuralManifest of(
            String datasetId,
            StructuralDataSettings data,
            Map<String, List<SplitStats>> shards,
            List<String> vocabulary,
            List<SourceCheck> sources,
            Map<String, String> partsOfSpeech,
            Storage storage,
            Path dir,
            double seconds)
            throws IOException {
        Map<String, SplitSummary> summaries = new LinkedHashMap<>();
        MessageDigest digest = Hashing.sha256();
        long[] trainSkeletons = null; // train is the first split: the others are compared with it
        for (String split : StructuralTask.SPLITS) {
            List<SplitStats> parts = shards.get(split);
            for (int s = 0; s < parts.size(); s++) {
                String entry = String.format(
                        Locale.ROOT,
                        "%s/%d/%d/%016x;",
                        split,
                        s,
                        parts.get(s).rows(),
                        parts.get(s).contentHash());
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            SplitStats all = SplitStats.merge(parts);
            if (trainSkeletons == null) {
                trainSkeletons = all.skeletons();
            }
            summaries.put(
                    split,
                    new SplitSummary(
                            all.rows(),
                            storage.fs().getContentSummary(new Path(dir, split)).getLength(),
                            parts.size(),
                            all.maxTokens(),
                            all.meanTokens(),
                            all.skeletons().length,
                            all.unseenSkeletons(trainSkeletons),
                            Arrays.stream(all.depths()).boxed().toList(),
                            all.markers(),
                            all.draws()));
        }
        return new StructuralManifest(
                DatasetId.FORMAT_VERSION,
                datasetId,
                data.task().configName(),
                vocabulary,
                data.identity(),
                summaries,
                sources,
                new TreeMap<>(partsOfSpeech),
                summaries.get("train").maxTokens() + 1,
                HexFormat.of().formatHex(digest.digest()),
                DatasetManifest.currentCodeVersion(),
                Instant.now().toString(),
                Math.round(seconds * 1000) / 1000.0);
    }

    public SplitSummary split(String name) {
        return splits.get(name);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", formatVersion);
        m.put("dataset_id", datasetId);
        m.put("task", task);
        m.put("tokenizer", "words");
        m.put("vocabulary", vocabulary);
        m.put("config", config.root().unwrapped());
        Map<String, Object> s = new LinkedHashMap<>();
        splits.forEach((k, v) -> s.put(k, v.toMap()));
        m.put("splits", s);
        m.put("sources", sources.stream().map(SourceCheck::toMap).toList());
        m.put("parts_of_speech", partsOfSpeech);
        m.put("max_seq_len", maxSequenceLength);
        m.put("content_hash", contentHash);
        m.put("code_version", codeVersion);
        m.put("created_at", createdAt);
        m.put("generation_s", generationSeconds);
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    /** Parse a manifest; throws {@link IllegalArgumentException} when it is not a complete structural manifest. */
    public static StructuralManifest parse(String json) {
        try {
            Config c = ConfigFactory.parseString(json);
            Map<String, SplitSummary> splits = new LinkedHashMap<>();
            for (String name : StructuralTask.SPLITS) {
                splits.put(name, SplitSummary.from(c.getConfig("splits." + name)));
            }
            List<SourceCheck> sources = new ArrayList<>();
            for (Config source : c.getConfigList("sources")) {
                sources.add(SourceCheck.from(source));
            }
            return new StructuralManifest(
                    c.getInt("format_version"),
                    c.getString("dataset_id"),
                    c.getString("task"),
                    c.getStringList("vocabulary"),
                    c.getConfig("config"),
                    splits,
                    sources,
                    partsOfSpeech(c),
                    c.getInt("max_seq_len"),
                    c.getString("content_hash"),
                    c.getString("code_version"),
                    c.getString("created_at"),
                    c.getDouble("generation_s"));
        } catch (ConfigException | ClassCastException e) {
            throw new IllegalArgumentException("not a valid structural dataset manifest: " + e.getMessage(), e);
        }
    }

    /** Word → tag; a manifest written before datasets recorded tags has none. Keys are words, not HOCON paths. */
    private static Map<String, String> partsOfSpeech(Config c) {
        Map<String, String> tags = new TreeMap<>();
        if (c.hasPath("parts_of_speech")) {
            c.getObject("parts_of_speech").forEach((word, tag) -> tags.put(word, (String) tag.unwrapped()));
        }
        return tags;
    }

    /** The manifest of a complete structural dataset, or empty when it is missing or incomplete. */
    public static Optional<StructuralManifest> readComplete(Storage storage, String datasetId) {
        Path m = DatasetDirectory.manifest(storage, datasetId);
        if (!storage.exists(m)) {
            return Optional.empty();
        }
        try {
            StructuralManifest manifest = parse(storage.readString(m));
            return manifest.datasetId().equals(datasetId) ? Optional.of(manifest) : Optional.empty();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}

package lab.abacus.structural;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.task.DyckString;
import org.apache.hadoop.fs.Path;

/**
 * Complete structural datasets written without Spark, shard by shard as the job writes them, for tests of what reads
 * them (the trainer, the held-out scorer).
 */
public final class StructuralFixtures {

    private StructuralFixtures() {}

    /** Settings of a Dyck dataset from {@code abacus.data} HOCON (task = dyck is implied). */
    public static StructuralDataSettings dyckSettings(String data) {
        return StructuralDataSettings.from(
                AbacusConfig.fromLayers(ConfigFactory.parseString("abacus.data { task = dyck\n" + data + " }")));
    }

    /** Write the Dyck dataset of {@code s} under {@code storage}; returns its id. */
    public static String dyck(Storage storage, StructuralDataSettings s) {
        String id = s.datasetId();
        Path dir = DatasetDirectory.path(storage, id);
        try {
            Map<String, List<SplitStats>> shards = new LinkedHashMap<>();
            List<long[]> skeletons = new ArrayList<>();
            List<long[]> strings = new ArrayList<>();
            List<SplitStats> train = new ArrayList<>();
            for (int shard = 0; shard < s.shards(); shard++) {
                try (StructuralRowFiles.Writer w = writer(storage, dir, "train", shard, s)) {
                    DyckShards.TrainShard t = DyckShards.train(s, shard, w::write);
                    train.add(t.stats());
                    skeletons.add(t.stats().skeletons());
                    strings.add(t.strings());
                }
            }
            TrainIndex index = TrainIndex.of(concat(skeletons), concat(strings));
            List<SplitStats> val = new ArrayList<>();
            List<SplitStats> gen = new ArrayList<>();
            for (int shard = 0; shard < s.evalShards(); shard++) {
                try (StructuralRowFiles.Writer v = writer(storage, dir, "val", shard, s);
                        StructuralRowFiles.Writer g = writer(storage, dir, "gen", shard, s)) {
                    DyckShards.HeldOutShard h = DyckShards.heldOut(s, index, shard, v::write, g::write);
                    val.add(h.val());
                    gen.add(h.gen());
                }
            }
            shards.put("train", train);
            shards.put("val", val);
            shards.put("gen", gen);
            StructuralManifest m = StructuralManifest.of(
                    id, s, shards, DyckString.words(s.types()), List.of(), Map.of(), storage, dir, 0);
            storage.writeString(DatasetDirectory.manifest(storage, id), m.toJson());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ingest McCoy-format files from {@code source} for {@code task}; returns the dataset id. */
    public static String mcCoy(Storage storage, String task, String source) {
        StructuralDataSettings s = StructuralDataSettings.from(AbacusConfig.fromLayers(
                ConfigFactory.parseString("abacus.data { task = " + task + ", mccoy.source = \"" + source + "\" }")));
        String id = s.datasetId();
        Path dir = DatasetDirectory.path(storage, id);
        try {
            McCoyIngest ingest = McCoyIngest.write(s, storage, dir, warning -> {});
            Map<String, List<SplitStats>> shards = new LinkedHashMap<>();
            ingest.splits().forEach((split, stats) -> shards.put(split, List.of(stats)));
            StructuralManifest m = StructuralManifest.of(
                    id, s, shards, ingest.vocabulary(), ingest.sources(), ingest.partsOfSpeech(), storage, dir, 0);
            storage.writeString(DatasetDirectory.manifest(storage, id), m.toJson());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StructuralRowFiles.Writer writer(
            Storage storage, Path dir, String split, int shard, StructuralDataSettings s) throws IOException {
        return new StructuralRowFiles.Writer(
                new Path(new Path(dir, split), DatasetDirectory.partFile(shard)), storage.hadoop(), s.compression());
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }
}

package lab.abacus.datagen;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.lease.Lease;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.lease.Leases;
import lab.abacus.spark.SparkSessions;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.structural.DyckShards;
import lab.abacus.structural.McCoyIngest;
import lab.abacus.structural.SplitStats;
import lab.abacus.structural.StructuralDataSettings;
import lab.abacus.structural.StructuralManifest;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.structural.StructuralRowFiles;
import lab.abacus.structural.TrainIndex;
import lab.abacus.task.DyckString;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * GenerateDatasets for the structural tasks: {@code <root>/datasets/<id>/{train,val,gen}/part-NNNNN.parquet} and
 * {@code manifest.json} (docs/structural.md), staged and published like every dataset ({@link DatasetBuild}).
 *
 * <ul>
 *   <li>Dyck: two Spark stages. The training shards are drawn and written on executors, each returning its
 *       strings' and component skeletons' hashes; the driver merges them into a {@link TrainIndex}, broadcast to the
 *       held-out shards, which draw candidates and keep those their share of {@code val} and {@code gen} needs.</li>
 *   <li>Question formation and tense inflection: McCoy's three files are read, checked (git blob SHA-1 against the
 *       published one: a mismatch is a warning, recorded in the manifest) and written by the driver: a few MB, read
 *       where the path given is reachable.</li>
 * </ul>
 */
public final class GenerateStructuralDatasetsJob {

    private GenerateStructuralDatasetsJob() {}

    /** Entry point for the CLI: validated config in, summary out; progress goes to {@code progress}. */
    public static StructuralDatagenSummary run(SparkSession spark, Config config, PrintStream progress) {
        StructuralDataSettings data = StructuralDataSettings.from(config);
        Storage storage = SparkSessions.writableStorage(spark, config);
        return generate(spark, data, storage, new Leases(storage, LeaseSettings.from(config)), progress);
    }

    public static StructuralDatagenSummary generate(
            SparkSession spark, StructuralDataSettings data, Storage storage, Leases leases, PrintStream progress) {
        long start = System.nanoTime();
        String id = data.datasetId();
        return DatasetBuild.underLease(
                leases,
                id,
                progress,
                () -> complete(data, storage, id, start),
                lease -> generateHeld(spark, data, storage, lease, progress, start));
    }

    /** The complete dataset; for ingested data only while its source files are still the ones ingested. */
    private static Optional<StructuralDatagenSummary> complete(
            StructuralDataSettings data, Storage storage, String id, long start) {
        return StructuralManifest.readComplete(storage, id).map(m -> {
            if (data.task().ingested()) {
                requireUnchanged(m, McCoyIngest.checks(data.task(), data.source(), storage.hadoop()));
            }
            return new StructuralDatagenSummary(
                    id, DatasetDirectory.path(storage, id).toString(), true, m, seconds(start));
        });
    }

    private static void requireUnchanged(StructuralManifest manifest, List<SourceCheck> now) {
        for (SourceCheck source : now) {
            Optional<SourceCheck> then = manifest.sources().stream()
                    .filter(c -> c.file().equals(source.file()))
                    .findFirst();
            if (then.isPresent() && !then.get().gitBlob().equals(source.gitBlob())) {
                throw new ConfigError("dataset " + manifest.datasetId() + " was ingested from "
                        + then.get().path()
                        + " with git blob " + then.get().gitBlob() + ", but " + source.path() + " is now "
                        + source.gitBlob() + ": put changed files in a new directory (a new dataset) or delete "
                        + "the dataset to ingest them again");
            }
        }
    }

    private static StructuralDatagenSummary generateHeld(
            SparkSession spark,
            StructuralDataSettings data,
            Storage storage,
            Lease lease,
            PrintStream progress,
            long start) {
        String id = data.datasetId();
        Path target = DatasetDirectory.path(storage, id);
        StructuralManifest manifest = DatasetBuild.stageAndPublish(
                storage,
                lease,
                id,
                staging -> {
                    progress.printf(
                            Locale.ROOT,
                            "[datagen] %s (%s) -> %s%n",
                            id,
                            data.task().configName(),
                            target);
                    Splits splits = data.task().ingested()
                            ? ingest(data, storage, staging, progress)
                            : generateDyck(spark, data, storage.ref(), staging, progress);
                    return StructuralManifest.of(
                            id,
                            data,
                            splits.shards(),
                            splits.vocabulary(),
                            splits.sources(),
                            splits.partsOfSpeech(),
                            storage,
                            staging,
                            seconds(start));
                },
                StructuralManifest::toJson);
        return new StructuralDatagenSummary(id, target.toString(), false, manifest, seconds(start));
    }

    /**
     * Each split's per-shard stats in shard order, the vocabulary, and for ingested data the source checks and the
     * part-of-speech tags.
     */
    private record Splits(
            Map<String, List<SplitStats>> shards,
            List<String> vocabulary,
            List<SourceCheck> sources,
            Map<String, String> partsOfSpeech) {}

    private static Splits generateDyck(
            SparkSession spark, StructuralDataSettings data, StorageRef ref, Path staging, PrintStream progress) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String stagingUri = staging.toString();
        progress.printf(
                Locale.ROOT,
                "[datagen] Dyck-(%d, %d): %,d train strings in %d shards, then %,d val + %,d gen in %d shards%n",
                data.types(),
                data.maxDepth(),
                data.trainRows(),
                data.shards(),
                data.valRows(),
                data.genRows(),
                data.evalShards());
        jsc.setJobDescription("abacus datagen dyck train");
        List<DyckShards.TrainShard> train = jsc.parallelize(range(data.shards()), partitions(data, data.shards()))
                .map(shard -> {
                    try (StructuralRowFiles.Writer w = writer(ref, stagingUri, "train", shard, data)) {
                        return DyckShards.train(data, shard, w::write);
                    }
                })
                .collect();
        TrainIndex index = TrainIndex.of(
                concat(train.stream().map(t -> t.stats().skeletons()).toList()),
                concat(train.stream().map(DyckShards.TrainShard::strings).toList()));
        progress.printf(
                Locale.ROOT,
                "[datagen] train: %,d strings, %,d distinct component skeletons%n",
                data.trainRows(),
                index.skeletons().length);
        Broadcast<TrainIndex> shared = jsc.broadcast(index);
        jsc.setJobDescription("abacus datagen dyck val/gen");
        List<DyckShards.HeldOutShard> held = jsc.parallelize(
                        range(data.evalShards()), partitions(data, data.evalShards()))
                .map(shard -> {
                    try (StructuralRowFiles.Writer val = writer(ref, stagingUri, "val", shard, data);
                            StructuralRowFiles.Writer gen = writer(ref, stagingUri, "gen", shard, data)) {
                        return DyckShards.heldOut(data, shared.value(), shard, val::write, gen::write);
                    }
                })
                .collect();
        shared.destroy();
        Map<String, List<SplitStats>> shards = new LinkedHashMap<>();
        shards.put("train", train.stream().map(DyckShards.TrainShard::stats).toList());
        shards.put("val", held.stream().map(DyckShards.HeldOutShard::val).toList());
        shards.put("gen", held.stream().map(DyckShards.HeldOutShard::gen).toList());
        return new Splits(shards, DyckString.words(data.types()), List.of(), Map.of());
    }

    private static Splits ingest(StructuralDataSettings data, Storage storage, Path staging, PrintStream progress)
            throws IOException {
        McCoyIngest ingest =
                McCoyIngest.write(data, storage, staging, warning -> progress.println("[datagen] warning: " + warning));
        Map<String, List<SplitStats>> shards = new LinkedHashMap<>();
        ingest.splits().forEach((split, stats) -> {
            shards.put(split, List.of(stats));
            progress.printf(Locale.ROOT, "[datagen] %s: %,d lines%n", split, stats.rows());
        });
        return new Splits(shards, ingest.vocabulary(), ingest.sources(), ingest.partsOfSpeech());
    }

    private static StructuralRowFiles.Writer writer(
            StorageRef ref, String stagingUri, String split, int shard, StructuralDataSettings data)
            throws IOException {
        Path file = new Path(new Path(stagingUri, split), DatasetDirectory.partFile(shard));
        return new StructuralRowFiles.Writer(file, ref.open().hadoop(), data.compression());
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static int partitions(StructuralDataSettings data, int tasks) {
        return data.partitions() == 0 ? tasks : Math.min(data.partitions(), tasks);
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

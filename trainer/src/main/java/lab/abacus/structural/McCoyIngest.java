package lab.abacus.structural;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import lab.abacus.config.ConfigError;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Ingests McCoy's three files of a task into a dataset's staging directory, one Parquet file per split, and gathers
 * what the manifest records: the splits' stats, the vocabulary (every word of the three files, sorted) and each
 * file's check against the published one, and the part-of-speech tags the task's scorer reads (tense inflection),
 * which must tag every word of every output. A mismatch with a published file is reported to {@code warn}, not refused.
 */
public record McCoyIngest(
        Map<String, SplitStats> splits,
        List<String> vocabulary,
        List<SourceCheck> sources,
        Map<String, String> partsOfSpeech) {

    public static McCoyIngest write(StructuralDataSettings data, Storage storage, Path staging, Consumer<String> warn)
            throws IOException {
        Map<String, SplitStats> splits = new LinkedHashMap<>();
        TreeSet<String> words = new TreeSet<>();
        List<SourceCheck> checks = new ArrayList<>();
        Optional<McCoyPartsOfSpeech> tags = McCoyPartsOfSpeech.read(data.task(), data.source(), storage.hadoop());
        for (McCoySource source : McCoySource.readAll(data.task(), data.source(), storage.hadoop())) {
            String split = StructuralTask.SPLITS.get(source.split());
            tags.ifPresent(t -> requireTagged(source, t));
            SplitStats stats = new SplitStats();
            Path file = new Path(new Path(staging, split), DatasetDirectory.partFile(0));
            try (StructuralRowFiles.Writer w =
                    new StructuralRowFiles.Writer(file, storage.hadoop(), data.compression())) {
                for (StructuralRow row : source.rows()) {
                    stats.add(row, null);
                    w.write(row);
                    words.addAll(Arrays.asList(row.text().split(" ")));
                }
            }
            splits.put(split, stats.finish());
            checks.add(source.check());
        }
        tags.ifPresent(t -> checks.add(t.check()));
        for (SourceCheck check : checks) {
            if (!check.matches()) {
                warn.accept(check.path() + " has git blob " + check.gitBlob() + ", not the published "
                        + check.published() + ": results are not comparable with the paper's");
            }
        }
        return new McCoyIngest(
                splits,
                List.copyOf(words),
                checks,
                tags.map(t -> t.tags().tags()).orElse(Map.of()));
    }

    /** The checks of the files of {@code task} in {@code source} as they are now. */
    public static List<SourceCheck> checks(StructuralTask task, String source, Configuration hadoop) {
        List<SourceCheck> checks = new ArrayList<>();
        for (McCoySource s : McCoySource.readAll(task, source, hadoop)) {
            checks.add(s.check());
        }
        McCoyPartsOfSpeech.read(task, source, hadoop).ifPresent(t -> checks.add(t.check()));
        return checks;
    }

    /** Every output word has a tag: an untagged one would make its line silently count as wrong. */
    private static void requireTagged(McCoySource source, McCoyPartsOfSpeech pos) {
        for (StructuralRow row : source.rows()) {
            List<String> words = List.of(row.text().split(" ", -1));
            List<String> output = words.subList(words.indexOf(row.marker()) + 1, words.size());
            for (String word : output) {
                if (!pos.tags().tags().containsKey(word)) {
                    throw new ConfigError(source.path() + ":" + row.sourceLine() + ": the output word '" + word
                            + "' has no tag in " + pos.check().path());
                }
            }
        }
    }
}

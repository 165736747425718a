package lab.abacus.structural;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.fs.Path;

/**
 * Ingests McCoy's three files of a task into a dataset's staging directory, one Parquet file per split, and gathers
 * what the manifest records: the splits' stats, the vocabulary (every word of the three files, sorted) and each
 * file's check against the published one. A mismatch is reported to {@code warn}, not refused.
 */
public record McCoyIngest(Map<String, SplitStats> splits, List<String> vocabulary, List<SourceCheck> sources) {

    public static McCoyIngest write(StructuralDataSettings data, Storage storage, Path staging, Consumer<String> warn)
            throws IOException {
        Map<String, SplitStats> splits = new LinkedHashMap<>();
        TreeSet<String> words = new TreeSet<>();
        List<SourceCheck> checks = new ArrayList<>();
        for (McCoySource source : McCoySource.readAll(data.task(), data.source(), storage.hadoop())) {
            String split = StructuralTask.SPLITS.get(source.split());
            if (!source.matchesPublished()) {
                warn.accept(source.path() + " has git blob " + source.gitBlob() + ", not the published "
                        + source.publishedGitBlob() + ": results are not comparable with the paper's");
            }
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
            checks.add(new SourceCheck(
                    split, source.file(), source.path(), source.bytes(), source.gitBlob(), source.publishedGitBlob()));
        }
        return new McCoyIngest(splits, List.copyOf(words), checks);
    }
}

package lab.abacus.datagen;

import java.util.Locale;
import lab.abacus.console.TextTable;
import lab.abacus.structural.StructuralManifest;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.structural.StructuralManifest.SplitSummary;
import lab.abacus.task.StructuralTask;

/**
 * What {@link GenerateStructuralDatasetsJob} did: the dataset id and path, whether it was already complete, its
 * manifest and the wall time of this call. {@link #render()} is the end summary the CLI prints.
 */
public record StructuralDatagenSummary(
        String datasetId, String path, boolean alreadyComplete, StructuralManifest manifest, double seconds) {

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "dataset %s (%s, %d words)%n  at %s%n",
                datasetId,
                manifest.task(),
                manifest.vocabulary().size(),
                path));
        sb.append(
                alreadyComplete
                        ? String.format(
                                Locale.ROOT, "  already complete: nothing to do (generated %s)%n", manifest.createdAt())
                        : String.format(Locale.ROOT, "  generated in %.1f s%n", seconds));
        boolean dyck = manifest.sources().isEmpty();
        TextTable table = dyck
                ? new TextTable("split", "rows", "tokens mean", "max", "skeletons", "unseen in train", "size")
                : new TextTable("split", "rows", "tokens mean", "max", "markers", "size");
        for (String name : StructuralTask.SPLITS) {
            SplitSummary s = manifest.split(name);
            String rows = String.format(Locale.ROOT, "%,d", s.rows());
            String mean = String.format(Locale.ROOT, "%.1f", s.meanTokens());
            String max = String.valueOf(s.maxTokens());
            String size = DatagenSummary.bytes(s.bytes());
            if (dyck) {
                table.row(
                        name,
                        rows,
                        mean,
                        max,
                        String.format(Locale.ROOT, "%,d", s.distinctSkeletons()),
                        String.format(Locale.ROOT, "%,d", s.unseenSkeletons()),
                        size);
            } else {
                table.row(name, rows, mean, max, s.markers().toString(), size);
            }
        }
        sb.append(table.render().indent(2));
        for (SourceCheck c : manifest.sources()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-15s git blob %s %s%n",
                    c.file(),
                    c.gitBlob().substring(0, 12),
                    c.matches() ? "= the published file" : "differs from the published " + c.published()));
        }
        sb.append(String.format(
                Locale.ROOT,
                "  sequence length (longest training row with BOS/EOS): %d tokens; content hash %s",
                manifest.maxSequenceLength(),
                manifest.contentHash().substring(0, 16)));
        return sb.toString();
    }
}

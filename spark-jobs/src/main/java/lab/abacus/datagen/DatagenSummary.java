package lab.abacus.datagen;

import java.util.Locale;
import lab.abacus.data.DatasetManifest;
import lab.abacus.data.Exclusions;

/**
 * What {@link GenerateDatasetsJob} did: the dataset id and path, whether it was already complete, its manifest, and
 * the wall time of this call. {@link #render()} is the end summary the CLI prints.
 */
public record DatagenSummary(
        String datasetId, String path, boolean alreadyComplete, DatasetManifest manifest, double seconds) {

    public long trainRows() {
        return manifest.train().rows();
    }

    public long evalRows() {
        return manifest.eval().rows();
    }

    /** Rows of both splits per second of this call (0 when nothing was generated). */
    public double rowsPerSecond() {
        return alreadyComplete || seconds <= 0 ? 0 : (trainRows() + evalRows()) / seconds;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "dataset %s (%s, tokenizer %s%s)%n  at %s%n",
                datasetId,
                manifest.task(),
                manifest.tokenizer(),
                "none".equals(manifest.labelSet()) ? "" : ", labels " + manifest.labelSet(),
                path));
        sb.append(
                alreadyComplete
                        ? String.format(
                                Locale.ROOT, "  already complete: nothing to do (generated %s)%n", manifest.createdAt())
                        : String.format(
                                Locale.ROOT, "  generated in %.1f s, %,.0f rows/s%n", seconds, rowsPerSecond()));
        split(sb, "train", manifest.train());
        split(sb, "eval", manifest.eval());
        sb.append(String.format(
                Locale.ROOT,
                "  max sequence length (train, with EOS): %d tokens; content hash %s",
                manifest.maxSequenceLength(),
                manifest.contentHash().substring(0, 16)));
        return sb.toString();
    }

    private static void split(StringBuilder sb, String name, DatasetManifest.Split s) {
        int[] codes = new int[3];
        s.cells().forEach(c -> codes[c.dedup()]++);
        sb.append(String.format(
                Locale.ROOT,
                "  %-5s %,12d rows in %,d cells (%,d..%,d per cell), %d files, %s%n        dedup vs the other split: "
                        + "%d excluded, %d disjoint, %d may overlap%n",
                name,
                s.rows(),
                s.cells().size(),
                s.minCellCount(),
                s.maxCellCount(),
                s.files(),
                bytes(s.bytes()),
                codes[Exclusions.EXCLUDED],
                codes[Exclusions.DISJOINT],
                codes[Exclusions.MAY_OVERLAP]));
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
}

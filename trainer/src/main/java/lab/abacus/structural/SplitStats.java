package lab.abacus.structural;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.hash.Hashing;

/**
 * What the manifest records of one split, gathered per shard and merged: rows, token lengths, a content hash of the
 * rows in order, and for Dyck the distinct component skeletons and the depth histogram, for McCoy the markers.
 */
public final class SplitStats implements Serializable {

    long rows;
    long tokens;
    int maxTokens;
    long contentHash = Hashing.SEED;
    /** Distinct component skeleton hashes, sorted (Dyck). */
    long[] skeletons = new long[0];
    /** Rows by deepest nesting, index = depth (Dyck). */
    long[] depths = new long[0];

    final Map<String, Long> markers = new TreeMap<>();
    /** Candidate strings drawn for the held-out splits (Dyck), kept or not. */
    long draws;

    private transient java.util.HashSet<Long> skeletonSet;

    void add(StructuralRow row, long[] rowSkeletons) {
        rows++;
        tokens += row.tokens();
        maxTokens = Math.max(maxTokens, row.tokens());
        char[] text = row.text().toCharArray();
        contentHash = Hashing.mix(contentHash * 31 + Hashing.chars(Hashing.SEED, text, text.length));
        if (row.maxDepth() != null) {
            int d = row.maxDepth();
            if (d >= depths.length) {
                depths = Arrays.copyOf(depths, d + 1);
            }
            depths[d]++;
        }
        if (row.marker() != null) {
            markers.merge(row.marker(), 1L, Long::sum);
        }
        if (rowSkeletons != null) {
            if (skeletonSet == null) {
                skeletonSet = new java.util.HashSet<>();
            }
            for (long s : rowSkeletons) {
                skeletonSet.add(s);
            }
        }
    }

    /** Freeze the skeleton set into its sorted array (before the stats leave the shard). */
    SplitStats finish() {
        if (skeletonSet != null) {
            skeletons = skeletonSet.stream().mapToLong(Long::longValue).sorted().toArray();
            skeletonSet = null;
        }
        return this;
    }

    public long rows() {
        return rows;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public double meanTokens() {
        return rows == 0 ? 0 : (double) tokens / rows;
    }

    public long contentHash() {
        return contentHash;
    }

    public long[] skeletons() {
        return skeletons;
    }

    public long[] depths() {
        return depths;
    }

    public Map<String, Long> markers() {
        return markers;
    }

    public long draws() {
        return draws;
    }

    /** The shards' stats of one split, in shard order, as one (the content hash chains the shards' hashes). */
    public static SplitStats merge(Iterable<SplitStats> shards) {
        SplitStats all = new SplitStats();
        java.util.TreeSet<Long> skeletons = new java.util.TreeSet<>();
        for (SplitStats s : shards) {
            all.rows += s.rows;
            all.tokens += s.tokens;
            all.maxTokens = Math.max(all.maxTokens, s.maxTokens);
            all.contentHash = Hashing.mix(all.contentHash * 31 + s.contentHash);
            for (long k : s.skeletons) {
                skeletons.add(k);
            }
            if (s.depths.length > all.depths.length) {
                all.depths = Arrays.copyOf(all.depths, s.depths.length);
            }
            for (int d = 0; d < s.depths.length; d++) {
                all.depths[d] += s.depths[d];
            }
            s.markers.forEach((k, v) -> all.markers.merge(k, v, Long::sum));
            all.draws += s.draws;
        }
        all.skeletons = skeletons.stream().mapToLong(Long::longValue).toArray();
        return all;
    }

    /** How many of these distinct skeletons are not among {@code seen} (sorted). */
    public long unseenSkeletons(long[] seen) {
        return Arrays.stream(skeletons)
                .filter(k -> Arrays.binarySearch(seen, k) < 0)
                .count();
    }
}

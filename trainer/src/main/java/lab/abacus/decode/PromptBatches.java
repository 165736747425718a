package lab.abacus.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups prompts into batches of equal length, the precondition of {@link GreedyDecoder} (no left padding,
 * no per-row masks). An addition grid cell already has equal-length prompts; sorting prompts vary within a
 * cell and are grouped here.
 */
public final class PromptBatches {

    private PromptBatches() {}

    /**
     * Indices of {@code prompts}, grouped by prompt length (ascending) and cut into batches of at most
     * {@code maxBatch}; indices keep their input order inside a group.
     */
    public static List<int[]> byLength(List<int[]> prompts, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            groups.computeIfAbsent(prompts.get(i).length, k -> new ArrayList<>())
                    .add(i);
        }
        List<int[]> batches = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += maxBatch) {
                List<Integer> part = group.subList(from, Math.min(group.size(), from + maxBatch));
                batches.add(part.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return batches;
    }
}

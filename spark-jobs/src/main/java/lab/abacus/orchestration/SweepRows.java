package lab.abacus.orchestration;

import java.time.Instant;
import java.util.Map;

/** Picking the latest of two table rows, as the views do (by {@code written_at}, then attempt). */
final class SweepRows {

    private SweepRows() {}

    static Instant writtenAt(Map<String, Object> row) {
        return row.get("written_at") instanceof Instant i ? i : Instant.EPOCH;
    }

    static Map<String, Object> later(Map<String, Object> a, Map<String, Object> b) {
        int c = writtenAt(b).compareTo(writtenAt(a));
        if (c == 0) {
            c = Integer.compare(attempt(b), attempt(a));
        }
        return c >= 0 ? b : a;
    }

    /** The row of the higher step (then the later one). */
    static Map<String, Object> laterStep(Map<String, Object> a, Map<String, Object> b) {
        long sa = a.get("step") instanceof Long l ? l : 0;
        long sb = b.get("step") instanceof Long l ? l : 0;
        return sa != sb ? (sb > sa ? b : a) : later(a, b);
    }

    private static int attempt(Map<String, Object> row) {
        return row.get("attempt") instanceof Integer i ? i : 0;
    }
}

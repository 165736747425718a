package lab.abacus.orchestration;

import java.util.Map;
import lab.abacus.tables.TableReader;

/** Which of two rows a sweep's plan keeps: the views' latest ({@link TableReader#later}), or the higher step. */
final class SweepRows {

    private SweepRows() {}

    /** The row of the higher step (then the later one). */
    static Map<String, Object> laterStep(Map<String, Object> a, Map<String, Object> b) {
        long sa = a.get("step") instanceof Long l ? l : 0;
        long sb = b.get("step") instanceof Long l ? l : 0;
        return sa != sb ? (sb > sa ? b : a) : TableReader.later(a, b);
    }
}

package lab.abacus.grid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.storage.Storage;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableWriter;
import org.apache.hadoop.fs.Path;

/**
 * Appends {@link EvalCellRow}s to {@code <root>/tables/eval_cells} through {@link TableWriter}: one atomic Parquet
 * file per call, every row of it with the same {@code written_at}; the views keep the latest row per
 * (run_id, task, len_a, len_b), so a retried partition that rewrites a cell counts it once.
 */
public final class EvalCellsWriter {

    private final Storage storage;

    public EvalCellsWriter(Storage storage) {
        this.storage = storage;
    }

    /** Write {@code rows} as one atomic file; returns its path (null for no rows). */
    public Path write(List<EvalCellRow> rows) {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (EvalCellRow r : rows) {
            maps.add(columns(r));
        }
        return TableWriter.append(storage, Table.EVAL_CELLS, maps);
    }

    /** The table columns of a row ({@code written_at} is left to the writer). */
    public static Map<String, Object> columns(EvalCellRow r) {
        Map<String, Object> m = new HashMap<>();
        m.put("run_id", r.runId());
        m.put("task", r.task());
        m.put("len_a", r.lenA());
        m.put("len_b", r.lenB());
        m.put("eval_recurrences", r.variant().recurrences());
        m.put("eval_noise", r.variant().noise());
        m.put("n", r.n());
        m.put("correct", r.correct());
        m.put("correct_with_eos", r.correctWithEos());
        m.put("accuracy", r.accuracy());
        m.put("first_correct", r.firstCorrect());
        m.put("in_distribution", r.inDistribution());
        m.put("decode_s", r.decodeSeconds());
        return m;
    }
}

package lab.abacus.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.storage.Storage;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableWriter;

/** Writes {@code runs} rows as the trainer does (TableWriter), for view and report tests. */
public final class RunRows {

    private RunRows() {}

    public static void write(
            Storage storage, String runId, String status, Instant at, String sweep, String embedding, long seed) {
        Map<String, Object> m = new HashMap<>();
        m.put("run_id", runId);
        m.put("attempt", 1);
        m.put("status", status);
        m.put("task", "addition");
        m.put("dataset_id", "ds");
        m.put("sweep", sweep);
        m.put("started_at", at);
        m.put("written_at", at);
        m.put("model_embedding", embedding);
        m.put("train_seed", seed);
        m.put("data_seed", 42L);
        TableWriter.append(storage, Table.runs(), List.of(m));
    }
}

package lab.abacus.tables;

import static lab.abacus.tables.Column.optional;
import static lab.abacus.tables.Column.required;
import static lab.abacus.tables.ColumnType.BOOLEAN;
import static lab.abacus.tables.ColumnType.DOUBLE;
import static lab.abacus.tables.ColumnType.INT;
import static lab.abacus.tables.ColumnType.LONG;
import static lab.abacus.tables.ColumnType.STRING;
import static lab.abacus.tables.ColumnType.TIMESTAMP;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's name (its directory under {@code <root>/tables/}), typed columns and the key a view deduplicates on
 * (latest {@code written_at} per key wins). The schemas are the BRIEF's shared data contract; change them only
 * together with every writer and reader.
 */
public record Table(String name, List<Column> columns, List<String> key) {

    /** The column every table has: when the row was written; views keep the latest per key. */
    public static final String WRITTEN_AT = "written_at";

    public Table {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column c : columns) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("table " + name + ": duplicate column " + c.name());
            }
        }
        for (String k : key) {
            if (!byName.containsKey(k)) {
                throw new IllegalArgumentException("table " + name + ": key column " + k + " is not a column");
            }
        }
    }

    /**
     * Training metrics every N steps; key (run_id, step). id_acc / ood_acc only on evaluation steps; id_loss /
     * ood_loss (the held-out samples' language-model loss) only for tasks scored by ranking (the structural ones).
     */
    public static final Table METRICS = new Table(
            "metrics",
            List.of(
                    required("run_id", STRING),
                    required("attempt", INT),
                    required("step", LONG),
                    required("elapsed_s", DOUBLE),
                    required("loss", DOUBLE),
                    required("lr", DOUBLE),
                    optional("tokens_per_s", DOUBLE),
                    optional("grad_norm", DOUBLE),
                    optional("weight_norm", DOUBLE),
                    optional("id_acc", DOUBLE),
                    optional("ood_acc", DOUBLE),
                    optional("id_loss", DOUBLE),
                    optional("ood_loss", DOUBLE),
                    required(WRITTEN_AT, TIMESTAMP)),
            List.of("run_id", "step"));

    /**
     * One evaluation-grid cell of a checkpoint run one way; key (run_id, task, len_a, len_b, eval_recurrences,
     * eval_noise). The variant columns are optional so that rows written before they existed still read (null).
     */
    public static final Table EVAL_CELLS = new Table(
            "eval_cells",
            List.of(
                    required("run_id", STRING),
                    required("task", STRING),
                    required("len_a", INT),
                    required("len_b", INT),
                    optional("eval_recurrences", INT),
                    optional("eval_noise", BOOLEAN),
                    required("n", INT),
                    required("correct", INT),
                    optional("correct_with_eos", INT),
                    required("accuracy", DOUBLE),
                    optional("first_correct", INT),
                    required("in_distribution", BOOLEAN),
                    optional("decode_s", DOUBLE),
                    required(WRITTEN_AT, TIMESTAMP)),
            List.of("run_id", "task", "len_a", "len_b", "eval_recurrences", "eval_noise"));

    /**
     * Which runs a sweep has: one row per point each time {@code sweep run} starts; key (sweep, run_id). A run that
     * two sweeps share (the same point) is trained once and has a row in each, so sweeps join by run id.
     */
    public static final Table SWEEP_POINTS = new Table(
            "sweep_points",
            List.of(
                    required("sweep", STRING),
                    required("run_id", STRING),
                    required("point", INT),
                    required("label", STRING),
                    optional("dataset_id", STRING),
                    required(WRITTEN_AT, TIMESTAMP)),
            List.of("sweep", "run_id"));

    /**
     * Internal measures of a run's model at a step (the structural tasks: attention entropy per layer; tree
     * projections' t_score); key (run_id, step, measure, layer), layer 0 = the whole model, 1.. = one layer call.
     */
    public static final Table STRUCTURE = new Table(
            "structure",
            List.of(
                    required("run_id", STRING),
                    required("step", LONG),
                    required("measure", STRING),
                    required("layer", INT),
                    required("value", DOUBLE),
                    optional("samples", INT),
                    required(WRITTEN_AT, TIMESTAMP)),
            List.of("run_id", "step", "measure", "layer"));

    /** The fixed columns of {@code runs}, before the flattened config columns. */
    public static final List<Column> RUNS_FIXED = List.of(
            required("run_id", STRING),
            required("attempt", INT),
            required("status", STRING),
            optional("reason", STRING),
            optional("task", STRING),
            optional("dataset_id", STRING),
            optional("sweep", STRING),
            required("started_at", TIMESTAMP),
            required(WRITTEN_AT, TIMESTAMP),
            optional("elapsed_s", DOUBLE),
            optional("eval_s", DOUBLE),
            optional("checkpoint_s", DOUBLE),
            optional("precision", STRING),
            optional("step", LONG),
            optional("budget_steps", LONG),
            optional("final_loss", DOUBLE),
            optional("final_id_acc", DOUBLE),
            optional("final_ood_acc", DOUBLE));

    private static volatile Table runs;

    /**
     * One row per run attempt and status change (running → succeeded | failed); key (run_id). The run's config is
     * flattened into {@code data_*}, {@code model_*}, {@code train_*} columns whose types come from
     * {@code reference.conf} (see {@link ConfigColumns}), so every writer of this code version has the same schema.
     */
    public static Table runs() {
        Table t = runs;
        if (t == null) {
            List<Column> all = new ArrayList<>(RUNS_FIXED);
            all.addAll(ConfigColumns.reference().columns());
            t = new Table("runs", all, List.of("run_id"));
            runs = t;
        }
        return t;
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The names of every table, in the order they are documented. */
    public static final List<String> NAMES = List.of("runs", "metrics", "eval_cells", "structure");

    /** The table by directory name: runs, metrics or eval_cells. */
    public static Table named(String name) {
        return switch (name) {
            case "runs" -> runs();
            case "metrics" -> METRICS;
            case "eval_cells" -> EVAL_CELLS;
            case "structure" -> STRUCTURE;
            default -> throw new IllegalArgumentException("unknown table '" + name + "' (runs, metrics, eval_cells)");
        };
    }
}

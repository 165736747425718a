package lab.abacus.sql;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The fixed columns and keys of the tables (team data contract; docs/tables.md). Files may carry more columns
 * (the runs table's flattened config); a view always has at least these, so queries work on an empty root too.
 */
public final class TableSchemas {

    private TableSchemas() {
    }

    /** A table: its directory name under {@code <root>/tables/}, key columns, and fixed schema. */
    public record Table(String name, List<String> key, StructType schema) {
    }

    public static final Table RUNS = new Table("runs", List.of("run_id"), schema(
            f("run_id", DataTypes.StringType), f("attempt", DataTypes.IntegerType),
            f("status", DataTypes.StringType), f("reason", DataTypes.StringType),
            f("task", DataTypes.StringType), f("dataset_id", DataTypes.StringType),
            f("sweep", DataTypes.StringType), f("started_at", DataTypes.TimestampType),
            f("written_at", DataTypes.TimestampType), f("elapsed_s", DataTypes.DoubleType),
            f("step", DataTypes.LongType), f("budget_steps", DataTypes.LongType),
            f("final_loss", DataTypes.DoubleType), f("final_id_acc", DataTypes.DoubleType),
            f("final_ood_acc", DataTypes.DoubleType)));

    public static final Table METRICS = new Table("metrics", List.of("run_id", "step"), schema(
            f("run_id", DataTypes.StringType), f("attempt", DataTypes.IntegerType),
            f("step", DataTypes.LongType), f("elapsed_s", DataTypes.DoubleType),
            f("loss", DataTypes.DoubleType), f("lr", DataTypes.DoubleType),
            f("tokens_per_s", DataTypes.DoubleType), f("grad_norm", DataTypes.DoubleType),
            f("weight_norm", DataTypes.DoubleType), f("id_acc", DataTypes.DoubleType),
            f("ood_acc", DataTypes.DoubleType), f("written_at", DataTypes.TimestampType)));

    public static final Table EVAL_CELLS = new Table("eval_cells", List.of("run_id", "task", "len_a", "len_b"), schema(
            f("run_id", DataTypes.StringType), f("task", DataTypes.StringType),
            f("len_a", DataTypes.IntegerType), f("len_b", DataTypes.IntegerType),
            f("n", DataTypes.IntegerType), f("correct", DataTypes.IntegerType),
            f("accuracy", DataTypes.DoubleType), f("first_correct", DataTypes.IntegerType),
            f("in_distribution", DataTypes.BooleanType), f("decode_s", DataTypes.DoubleType),
            f("written_at", DataTypes.TimestampType)));

    public static final List<Table> ALL = List.of(RUNS, METRICS, EVAL_CELLS);

    private static StructField f(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructType schema(StructField... fields) {
        return DataTypes.createStructType(fields);
    }
}

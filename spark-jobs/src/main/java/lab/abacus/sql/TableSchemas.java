package lab.abacus.sql;

import java.util.ArrayList;
import java.util.List;
import lab.abacus.tables.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables as Spark sees them, derived from the trainer's {@link lab.abacus.tables.Table} (the one definition of
 * the data contract): directory name, key columns, and a Spark schema. Files may carry more columns (older or newer
 * config columns in {@code runs}); a view always has at least these, so queries work on an empty root too.
 */
public final class TableSchemas {

    private TableSchemas() {}

    /** A table: its directory name under {@code <root>/tables/}, key columns, and schema. */
    public record Table(String name, List<String> key, StructType schema) {}

    public static final Table RUNS = of(lab.abacus.tables.Table.runs());
    public static final Table METRICS = of(lab.abacus.tables.Table.METRICS);
    public static final Table EVAL_CELLS = of(lab.abacus.tables.Table.EVAL_CELLS);
    public static final Table SWEEP_POINTS = of(lab.abacus.tables.Table.SWEEP_POINTS);
    public static final Table STRUCTURE = of(lab.abacus.tables.Table.STRUCTURE);

    public static final List<Table> ALL = List.of(RUNS, METRICS, EVAL_CELLS, SWEEP_POINTS, STRUCTURE);

    static Table of(lab.abacus.tables.Table t) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : t.columns()) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c), true));
        }
        return new Table(t.name(), t.key(), DataTypes.createStructType(fields));
    }

    private static DataType sparkType(Column c) {
        return switch (c.type()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }
}

package lab.abacus.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.storage.Storage;
import lab.abacus.tables.TableQuarantine;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * Registers the temp views over {@code <root>/tables/*}:
 * <ul>
 *   <li>{@code runs}, {@code metrics}, {@code eval_cells}: the latest row per key (the higher {@code attempt}, then
 *       the later {@code written_at}: {@code TableReader.later}), so a retried task or run that wrote a row twice
 *       shows once;</li>
 *   <li>{@code results}: {@code eval_cells} left-joined with the run's columns from {@code runs} (sweep, dataset,
 *       status and the flattened {@code data_*}, {@code model_*}, {@code train_*} config).</li>
 * </ul>
 * Files are read with {@code mergeSchema} (writers may add columns over time). An absent or empty table gives an
 * empty view with the contract's columns instead of an error. A file whose footer does not read is quarantined first
 * ({@link TableQuarantine}), with a warning, so one torn file does not fail every query.
 */
public final class TableViews {

    public static final String RESULTS = "results";

    private TableViews() {}

    /** The names of the views {@link #register} creates, in its order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        TableSchemas.ALL.forEach(t -> names.add(t.name()));
        names.add(RESULTS);
        return names;
    }

    /** Register all views; returns the view names. */
    public static List<String> register(SparkSession spark, Storage storage) {
        List<String> names = new ArrayList<>();
        for (TableSchemas.Table t : TableSchemas.ALL) {
            latest(spark, storage, t).createOrReplaceTempView(t.name());
            names.add(t.name());
        }
        results(spark).createOrReplaceTempView(RESULTS);
        names.add(RESULTS);
        return names;
    }

    /** Every row of a table as stored (duplicates included), with at least the contract's columns. */
    public static Dataset<Row> raw(SparkSession spark, Storage storage, TableSchemas.Table table) {
        List<Path> files = TableQuarantine.readableFiles(
                storage, table.name(), warning -> System.err.println("warning: " + warning));
        Dataset<Row> df;
        if (!files.isEmpty()) {
            df = spark.read()
                    .option("mergeSchema", "true")
                    .parquet(files.stream().map(Path::toString).toArray(String[]::new));
        } else {
            df = spark.createDataFrame(List.of(), table.schema());
        }
        Set<String> have = new HashSet<>(Arrays.asList(df.columns()));
        for (StructField f : table.schema().fields()) {
            if (!have.contains(f.name())) {
                df = df.withColumn(f.name(), functions.lit(null).cast(f.dataType()));
            }
        }
        return df;
    }

    /** The latest row per key of a table. */
    public static Dataset<Row> latest(SparkSession spark, Storage storage, TableSchemas.Table table) {
        Dataset<Row> df = raw(spark, storage, table);
        // TableReader.later's order: the higher attempt, then the later written_at.
        List<Column> order = new ArrayList<>();
        if (Arrays.asList(df.columns()).contains("attempt")) {
            order.add(functions.col("attempt").desc_nulls_last());
        }
        order.add(functions.col("written_at").desc_nulls_last());
        WindowSpec w = Window.partitionBy(
                        table.key().stream().map(functions::col).toArray(Column[]::new))
                .orderBy(order.toArray(Column[]::new));
        return df.withColumn("_rn", functions.row_number().over(w))
                .where("_rn = 1")
                .drop("_rn");
    }

    /** {@code eval_cells} (latest per key) with the run's other columns from {@code runs} (latest per run). */
    static Dataset<Row> results(SparkSession spark) {
        Dataset<Row> cells = spark.table(TableSchemas.EVAL_CELLS.name());
        Dataset<Row> runs = spark.table(TableSchemas.RUNS.name());
        Set<String> cellCols = new HashSet<>(Arrays.asList(cells.columns()));
        List<Column> select = new ArrayList<>();
        for (String c : cells.columns()) {
            select.add(cells.col(c));
        }
        for (String c : runs.columns()) {
            if (!cellCols.contains(c)) {
                select.add(runs.col(c));
            }
        }
        select.add(runs.col("written_at").as("run_written_at"));
        return cells.join(runs, cells.col("run_id").equalTo(runs.col("run_id")), "left")
                .select(select.toArray(Column[]::new));
    }
}

package lab.abacus.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.grid.EvalCellRow;
import lab.abacus.grid.EvalCellsWriter;
import lab.abacus.model.EvalVariant;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableViewsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("TableViewsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Storage storage(Path dir) {
        return StorageRef.of(dir.toUri().toString()).open();
    }

    @Test
    void absentTablesGiveEmptyViewsWithTheContractColumns(@TempDir Path dir) {
        List<String> views = TableViews.register(spark, storage(dir));
        assertThat(views).containsExactly("runs", "metrics", "eval_cells", "sweep_points", "structure", "results");
        assertThat(spark.table("sweep_points").columns()).contains("sweep", "run_id", "point", "label");
        assertThat(spark.table("structure").columns()).contains("run_id", "step", "measure", "layer", "value");
        assertThat(spark.table("eval_cells").count()).isZero();
        assertThat(spark.table("eval_cells").columns())
                .contains("run_id", "len_a", "len_b", "accuracy", "in_distribution", "written_at");
        assertThat(spark.table("results").columns()).contains("len_a", "status", "sweep", "dataset_id");
        assertThat(spark.sql("select count(*) from metrics").first().getLong(0)).isZero();
    }

    @Test
    void aCellWrittenTwiceByARetriedTaskShowsOnceWithItsLatestValue(@TempDir Path dir) throws Exception {
        Storage storage = storage(dir);
        java.time.Instant first = java.time.Instant.parse("2026-01-01T10:00:00Z");
        // The retry of a partition rewrote cell (1,1) with a different count, an hour later. It is written first
        // here, so the file order (or any other order) cannot be what picks it: written_at does.
        writeCells(storage, first.plusSeconds(3600), row("r1", 1, 1, 9));
        writeCells(storage, first, row("r1", 1, 1, 7), row("r1", 1, 2, 8), row("r2", 1, 1, 1));
        writeRuns(storage);

        TableViews.register(spark, storage);
        assertThat(spark.table("eval_cells").count()).isEqualTo(3);
        Row cell = spark.sql("select correct, accuracy from eval_cells where run_id='r1' and len_a=1 and len_b=1")
                .first();
        assertThat(cell.getInt(0)).isEqualTo(9);
        assertThat(cell.getDouble(1)).isEqualTo(0.9);
        assertThat(TableViews.raw(spark, storage, TableSchemas.EVAL_CELLS).count())
                .isEqualTo(4);

        // runs: the latest attempt's row per run
        assertThat(spark.sql("select status from runs where run_id='r1'")
                        .first()
                        .getString(0))
                .isEqualTo("succeeded");
        // results: cells joined with the run's config columns, one row per cell
        List<Row> res = spark.sql("select run_id, len_a, len_b, correct, model_embedding, train_seed, status "
                        + "from results order by run_id, len_a, len_b")
                .collectAsList();
        assertThat(res).hasSize(3);
        assertThat(res.get(0).getString(4)).isEqualTo("abacus");
        assertThat(res.get(0).getInt(3)).isEqualTo(9);
        assertThat(res.get(2).getString(4)).isEqualTo("nope");
        assertThat(res.get(2).getLong(5)).isEqualTo(2L);
    }

    @Test
    void sqlVerbPrintsATableNamesBadQueriesAndSkipsATornFile(@TempDir Path dir) throws Exception {
        Storage storage = storage(dir);
        new EvalCellsWriter(storage).write(List.of(row("r1", 2, 3, 5), row("r1", 3, 3, 10)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int n = SqlQuery.run(
                spark,
                storage,
                "select len_a, len_b, accuracy from eval_cells order by len_a",
                10,
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(n).isEqualTo(2);
        assertThat(out.lines().toList())
                .containsExactly(
                        "len_a  len_b  accuracy",
                        "-----  -----  --------",
                        "2      3      0.5000",
                        "3      3      1.0000",
                        "(2 rows)");
        assertThatThrownBy(() -> SqlQuery.run(
                        spark,
                        storage,
                        "select nosuchcolumn from eval_cells",
                        10,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQL error");
        // Spark's parse message starts with a newline: the first line that says something is shown.
        assertThatThrownBy(() -> SqlQuery.run(
                        spark,
                        storage,
                        "selec count(*) form runs",
                        10,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SQL error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'selec'");

        // A torn file in the table: moved aside, and the query answers from the rest.
        org.apache.hadoop.fs.Path torn = lab.abacus.tables.TableWriter.append(
                storage,
                lab.abacus.tables.Table.METRICS,
                List.of(new java.util.HashMap<>(java.util.Map.of(
                        "run_id", "r", "attempt", 1, "step", 1L, "elapsed_s", 1.0, "loss", 1.0, "lr", 1e-4))));
        lab.abacus.faults.Damage.truncate(torn, 0.1);
        ByteArrayOutputStream afterTear = new ByteArrayOutputStream();
        SqlQuery.run(
                spark,
                storage,
                "select count(*) as n from eval_cells",
                10,
                new PrintStream(afterTear, true, StandardCharsets.UTF_8));
        assertThat(afterTear.toString(StandardCharsets.UTF_8)).contains("(1 row)");
        assertThat(lab.abacus.tables.TableQuarantine.quarantined(storage, "metrics"))
                .extracting(org.apache.hadoop.fs.Path::getName)
                .containsExactly(torn.getName());
    }

    /** Cells as EvalCellsWriter writes them, with an explicit write time. */
    private static void writeCells(Storage storage, java.time.Instant at, EvalCellRow... rows) {
        List<java.util.Map<String, Object>> maps = new java.util.ArrayList<>();
        for (EvalCellRow r : rows) {
            java.util.Map<String, Object> m = EvalCellsWriter.columns(r);
            m.put("written_at", at);
            maps.add(m);
        }
        lab.abacus.tables.TableWriter.append(storage, lab.abacus.tables.Table.EVAL_CELLS, maps);
    }

    private static EvalCellRow row(String run, int a, int b, int correct) {
        return new EvalCellRow(
                run, "addition", a, b, new EvalVariant(1, false), 10, correct, correct, null, a <= 2 && b <= 2, 0.01);
    }

    private static void writeRuns(Storage storage) {
        java.time.Instant t1 = java.time.Instant.parse("2026-01-01T10:00:00Z");
        java.time.Instant t2 = java.time.Instant.parse("2026-01-01T11:00:00Z");
        lab.abacus.testing.RunRows.write(storage, "r1", "running", t1, "sw", "abacus", 1L);
        lab.abacus.testing.RunRows.write(storage, "r1", "succeeded", t2, "sw", "abacus", 1L);
        lab.abacus.testing.RunRows.write(storage, "r2", "succeeded", t1, "sw", "nope", 2L);
    }
}

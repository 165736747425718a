package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import lab.abacus.testing.RunRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abacus sql} in every format: the same rows as text, CSV, JSON lines and a Parquet file. */
class SqlCommandTest {

    @TempDir
    Path dir;

    /** The verbs' embedded session (local[*]) must not outlive this class: later tests make their own. */
    @AfterAll
    static void stopSpark() {
        scala.Option<SparkSession> s = SparkSession.getDefaultSession();
        if (s.isDefined()) {
            s.get().stop();
        }
    }

    @Test
    void aQueryComesOutAsCsvJsonLinesOrOneParquetFileWithTheSameRows() throws Exception {
        Storage storage = StorageRef.of(dir.toString()).open();
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        RunRows.write(storage, "run-b", "succeeded", at, "s", "nope", 2);
        RunRows.write(storage, "run-a", "running", at, "s", "abacus", 1);
        RunRows.write(storage, "run-a", "succeeded", at.plusSeconds(5), "s", "abacus", 1);
        String q = "select run_id, status, train_seed from runs order by run_id";
        String root = "storage.root=" + dir;

        CliRun csv = CliRun.run("sql", q, "--format", "csv", "--set", root);
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList())
                .containsExactly("run_id,status,train_seed", "run-a,succeeded,1", "run-b,succeeded,2");

        CliRun json = CliRun.run("sql", q, "--format", "json", "--set", root);
        assertThat(json.out().lines().toList())
                .containsExactly(
                        "{\"run_id\":\"run-a\",\"status\":\"succeeded\",\"train_seed\":1}",
                        "{\"run_id\":\"run-b\",\"status\":\"succeeded\",\"train_seed\":2}");

        Path out = dir.resolve("out/result.parquet");
        Files.createDirectories(out.getParent());
        CliRun parquet = CliRun.run("sql", q, "--format", "parquet", "--out", out.toString(), "--set", root);
        assertThat(parquet.code()).as(parquet.err()).isZero();
        assertThat(Files.isRegularFile(out)).isTrue();
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("one file, nothing staged left beside it")
                    .containsExactly("result.parquet");
        }
        SparkSession spark = LocalSpark.start("sql-command-test");
        List<Row> back = spark.read().parquet(out.toString()).collectAsList();
        assertThat(back)
                .extracting(r -> r.getString(0) + "," + r.getString(1) + "," + r.getLong(2))
                .containsExactly("run-a,succeeded,1", "run-b,succeeded,2");
    }

    @Test
    void aFormatThatNeedsAFileOrAFileWithoutAFormatIsAUsageError() {
        CliRun noOut = CliRun.run("sql", "select 1", "--format", "parquet", "--set", "storage.root=" + dir);
        assertThat(noOut.code()).isEqualTo(AbacusMain.EXIT_USER_ERROR);
        assertThat(noOut.err()).contains("--format parquet needs --out <path>");
        CliRun textOut =
                CliRun.run("sql", "select 1", "--out", dir.resolve("x").toString(), "--set", "storage.root=" + dir);
        assertThat(textOut.err()).contains("--out needs --format csv, json or parquet");
        CliRun unknown = CliRun.run("sql", "select 1", "--format", "xml", "--set", "storage.root=" + dir);
        assertThat(unknown.err()).contains("--format xml: one of text, csv, json, parquet");
    }
}

package lab.abacus.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.config.AbacusConfig;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {

    @TempDir
    java.nio.file.Path tmp;

    private Storage storage() {
        return StorageRef.of(tmp.toString()).open();
    }

    private static Map<String, Object> metric(String run, long step, double loss, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("run_id", run);
        m.put("attempt", 1);
        m.put("step", step);
        m.put("elapsed_s", 1.5);
        m.put("loss", loss);
        m.put("lr", 1e-4);
        m.put("written_at", at);
        return m;
    }

    @Test
    void appendedRowsReadBackTypedAndARetryDeduplicatesPerKey() {
        Storage s = storage();
        Instant t0 = Instant.parse("2026-01-01T00:00:00.123Z");
        Path f1 = TableWriter.append(s, Table.METRICS, List.of(metric("r1", 10, 2.0, t0), metric("r1", 20, 1.0, t0)));
        // A retry re-writes step 20 later with another value, and adds step 30.
        TableWriter.append(
                s, Table.METRICS, List.of(metric("r1", 20, 0.9, t0.plusSeconds(5)), metric("r1", 30, 0.5, null)));
        assertThat(f1.getName()).startsWith("part-").endsWith(".parquet");

        List<Map<String, Object>> all = TableReader.read(s, "metrics");
        assertThat(all).hasSize(4);
        Map<String, Object> first =
                all.stream().filter(r -> r.get("step").equals(10L)).findFirst().orElseThrow();
        assertThat(first.get("written_at")).isEqualTo(t0);
        assertThat(first.get("attempt")).isEqualTo(1);
        assertThat(first.get("id_acc")).isNull();
        assertThat(all.stream()
                        .filter(r -> r.get("step").equals(30L))
                        .findFirst()
                        .orElseThrow()
                        .get("written_at"))
                .isInstanceOf(Instant.class);

        List<Map<String, Object>> view = TableReader.latestPerKey(Table.METRICS, all);
        assertThat(view).hasSize(3);
        assertThat(view.stream()
                        .filter(r -> r.get("step").equals(20L))
                        .findFirst()
                        .orElseThrow()
                        .get("loss"))
                .isEqualTo(0.9);
    }

    @Test
    void timestampsAreInt64MillisAdjustedToUtcSoSparkReadsTimestampType() throws Exception {
        Storage s = storage();
        Path f = TableWriter.append(s, Table.METRICS, List.of(metric("r", 1, 1.0, Instant.now())));
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f, s.hadoop()))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            var written = schema.getType("written_at").asPrimitiveType();
            assertThat(written.getPrimitiveTypeName().name()).isEqualTo("INT64");
            assertThat(written.getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
            assertThat(schema.getType("run_id").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.stringType());
        }
    }

    @Test
    void badRowsAreRejectedBeforeAnythingIsWritten() {
        Storage s = storage();
        Map<String, Object> unknown = metric("r", 1, 1.0, null);
        unknown.put("lost", 1);
        assertThatThrownBy(() -> TableWriter.append(s, Table.METRICS, List.of(unknown)))
                .hasMessageContaining("unknown column lost");
        Map<String, Object> missing = metric("r", 1, 1.0, null);
        missing.remove("loss");
        assertThatThrownBy(() -> TableWriter.append(s, Table.METRICS, List.of(missing)))
                .hasMessageContaining("column loss is required");
        Map<String, Object> wrong = metric("r", 1, 1.0, null);
        wrong.put("step", "ten");
        assertThatThrownBy(() -> TableWriter.append(s, Table.METRICS, List.of(wrong)))
                .hasMessageContaining("step");
        assertThat(TableReader.read(s, "metrics")).isEmpty();
    }

    @Test
    void hiddenStagingFilesAreNeverRead() throws Exception {
        Storage s = storage();
        TableWriter.append(s, Table.METRICS, List.of(metric("r", 1, 1.0, null)));
        // A crashed writer's leftovers: a hidden staging file with garbage, and a _SUCCESS-like file.
        Path dir = s.table("metrics");
        try (var out = s.fs().create(new Path(dir, ".part-x.parquet.tmp-1"))) {
            out.write("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var out = s.fs().create(new Path(dir, "_SUCCESS"))) {
            out.write(new byte[0]);
        }
        assertThat(TableReader.read(s, "metrics")).hasSize(1);
        assertThat(TableReader.read(s, "no_such_table")).isEmpty();
    }

    @Test
    void runsTableFlattensTheConfigWithTypesFromTheReference() {
        Table runs = Table.runs();
        assertThat(runs.column("train_lr").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(runs.column("train_batch_size").type()).isEqualTo(ColumnType.LONG);
        assertThat(runs.column("train_batch_ramp_target").type()).isEqualTo(ColumnType.LONG);
        assertThat(runs.column("train_budget_time").type()).isEqualTo(ColumnType.STRING);
        assertThat(runs.column("train_progress").type()).isEqualTo(ColumnType.BOOLEAN);
        // 0.1 and 0.0-style defaults are real-valued even when HOCON stores an integral value.
        assertThat(runs.column("train_warmup_fraction").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(runs.key()).containsExactly("run_id");

        var config =
                AbacusConfig.load(null, List.of("train.lr=0.003", "train.batch-size=32", "train.warmup-fraction=0"));
        Map<String, Object> values = ConfigColumns.reference().values(config);
        assertThat(values)
                .containsEntry("train_lr", 0.003)
                .containsEntry("train_batch_size", 32L)
                .containsEntry("train_warmup_fraction", 0.0)
                .containsEntry("train_budget_time", "0s");

        Storage s = storage();
        Map<String, Object> row = new HashMap<>(values);
        row.put("run_id", "r");
        row.put("attempt", 2);
        row.put("status", "running");
        row.put("started_at", Instant.now());
        TableWriter.append(s, runs, List.of(row));
        Map<String, Object> back = TableReader.read(s, "runs").get(0);
        assertThat(back)
                .containsEntry("train_lr", 0.003)
                .containsEntry("attempt", 2)
                .containsEntry("status", "running")
                .containsEntry("train_batch_size", 32L);
    }

    @Test
    void fractionalSettingsAreDoubleColumnsSoAFractionalUserValueWrites() {
        // reference.conf writes rope-base as 10000.0: an integer literal there would make the column LONG
        assertThat(Table.runs().column("model_rope_base").type()).isEqualTo(ColumnType.DOUBLE);
        var config = AbacusConfig.load(null, List.of("model.rope-base=12345.5"));
        Map<String, Object> row = new HashMap<>(ConfigColumns.reference().values(config));
        assertThat(row).containsEntry("model_rope_base", 12345.5).containsEntry("model_initial_state_std", 0.02);
        row.put("run_id", "r");
        row.put("attempt", 1);
        row.put("status", "running");
        row.put("started_at", Instant.now());
        Storage s = storage();
        TableWriter.append(s, Table.runs(), List.of(row));
        assertThat(TableReader.read(s, "runs").get(0)).containsEntry("model_rope_base", 12345.5);
    }
}

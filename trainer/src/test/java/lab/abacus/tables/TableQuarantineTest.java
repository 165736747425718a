package lab.abacus.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.faults.Damage;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableQuarantineTest {

    @TempDir
    java.nio.file.Path tmp;

    private static Map<String, Object> metric(String run, long step) {
        Map<String, Object> m = new HashMap<>();
        m.put("run_id", run);
        m.put("attempt", 1);
        m.put("step", step);
        m.put("elapsed_s", 0.5 * step);
        m.put("loss", 1.0 / step);
        m.put("lr", 1e-4);
        m.put("written_at", Instant.parse("2026-01-01T00:00:00Z"));
        return m;
    }

    @Test
    void aTornFileIsMovedAsideWithAWarningAndTheOtherFilesRowsAreRead() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        TableWriter.append(s, Table.METRICS, List.of(metric("a", 1), metric("a", 2)));
        Path torn = TableWriter.append(s, Table.METRICS, List.of(metric("b", 1), metric("b", 2)));
        Damage.truncate(torn, 0.6);
        assertThatThrownBy(() -> TableReader.read(s, "metrics"))
                .isInstanceOf(DamagedTableFile.class)
                .hasMessageContaining(torn.getName());

        List<String> warnings = new ArrayList<>();
        List<Object> runs = new ArrayList<>();
        TableQuarantine.forEachRow(s, "metrics", row -> runs.add(row.get("run_id")), warnings::add);
        assertThat(runs).containsExactly("a", "a");
        assertThat(warnings).singleElement().asString().contains(torn.toString(), "_quarantine");
        assertThat(s.exists(torn)).isFalse();
        assertThat(TableQuarantine.quarantined(s, "metrics"))
                .extracting(Path::getName)
                .containsExactly(torn.getName());
        // Hidden from every reader now: the plain reader reads the table again.
        assertThat(TableReader.read(s, "metrics")).hasSize(2);
    }

    @Test
    void aFileWithoutAFooterIsCaughtBeforeSparkPlansAScanAndARepeatedQuarantineIsHarmless() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        Path good = TableWriter.append(s, Table.METRICS, List.of(metric("a", 1)));
        Path torn = TableWriter.append(s, Table.METRICS, List.of(metric("b", 1)));
        Damage.truncate(torn, 0.3);
        assertThat(TableQuarantine.problem(s, good)).isNull();
        assertThat(TableQuarantine.problem(s, torn)).isNotBlank();
        List<String> warnings = new ArrayList<>();
        assertThat(TableQuarantine.readableFiles(s, "metrics", warnings::add)).containsExactly(good);
        assertThat(warnings).hasSize(1);
        // A second reader that listed the file before it moved finds it gone.
        assertThat(TableQuarantine.quarantine(s, torn, "torn", warnings::add)).isNull();
        assertThat(warnings).hasSize(1);
    }
}

package lab.abacus.cli;

import static lab.abacus.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.abacus.faults.Damage;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesCommandTest {

    private static Map<String, Object> metric(String run) {
        Map<String, Object> m = new HashMap<>();
        m.put("run_id", run);
        m.put("attempt", 1);
        m.put("step", 1L);
        m.put("elapsed_s", 1.0);
        m.put("loss", 2.0);
        m.put("lr", 1e-4);
        return m;
    }

    @Test
    void checkListsATornFileAndALeftoverRepairQuarantinesOneAndDeletesTheOther(@TempDir Path root) throws Exception {
        Storage s = StorageRef.of(root.toString()).open();
        TableWriter.append(s, Table.METRICS, List.of(metric("a")));
        org.apache.hadoop.fs.Path tornPart = TableWriter.append(s, Table.METRICS, List.of(metric("b")));
        Damage.truncate(tornPart, 0.5);
        Path torn = Path.of(tornPart.toUri());
        Path leftover = root.resolve("tables/runs/.part-x.parquet.tmp-dead");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "half a file");
        Files.setLastModifiedTime(
                leftover, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String set = "storage.root=" + root;

        CliRun check = run("tables", "check", "--set", set);
        assertThat(check.code()).as(check.err()).isEqualTo(AbacusMain.EXIT_FAILURE);
        assertThat(check.out())
                .contains("unreadable", torn.getFileName().toString())
                .contains("leftover", leftover.getFileName().toString())
                .contains("2 finding(s); 2 for `abacus tables repair`");

        CliRun repair = run("tables", "repair", "--set", set);
        assertThat(repair.code()).as(repair.err()).isZero();
        assertThat(repair.out()).contains("1 file(s) quarantined, 1 leftover(s) deleted");
        assertThat(torn).doesNotExist();
        assertThat(root.resolve("tables/metrics/_quarantine").resolve(torn.getFileName()))
                .exists();
        assertThat(leftover).doesNotExist();

        CliRun after = run("tables", "check", "--set", set);
        assertThat(after.code()).isZero();
        assertThat(after.out()).contains("quarantined").doesNotContain("unreadable");
        CliRun help = run("tables", "repair", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Quarantine unreadable table files");
    }
}

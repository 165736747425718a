package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lab.abacus.data.TinyDatasets;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.TableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abacus train}: one tiny run end to end through the CLI (no Spark), and its errors. */
class TrainCommandTest {

    @TempDir
    java.nio.file.Path tmp;

    private String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                "--set",
                "storage.root=" + tmp,
                "--set",
                "model.hidden=32",
                "--set",
                "model.intermediate=64",
                "--set",
                "model.heads=2",
                "--set",
                "model.layers=1",
                "--set",
                "train.batch-size=16",
                "--set",
                "train.budget.steps=5",
                "--set",
                "train.threads.intra=1",
                "--set",
                "train.eval.samples=0",
                "--set",
                "train.progress=false"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void trainsARunAndReportsItAndASecondCallDoesNotTrainAgain() throws Exception {
        TinyDatasets.write(
                StorageRef.of(tmp.toString()).open(),
                "tiny",
                TinyDatasets.addition(1, 2, 2, 50, 1),
                TinyDatasets.addition(1, 2, 2, 4, 2));
        CliRun r = CliRun.run(args("--dataset", "tiny", "--run-id", "cli-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("run cli-run: succeeded");
        assertThat(tmp.resolve("runs/cli-run/checkpoints/latest")).exists();
        Storage storage = StorageRef.of(tmp.toString()).open();
        int runRows = TableReader.read(storage, "runs").size();
        int metricRows = TableReader.read(storage, "metrics").size();
        java.nio.file.Path latest = tmp.resolve("runs/cli-run/checkpoints/latest");
        java.nio.file.attribute.FileTime written = java.nio.file.Files.getLastModifiedTime(latest);

        CliRun again = CliRun.run(args("--dataset", "tiny", "--run-id", "cli-run"));
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("run cli-run: succeeded");
        // nothing was trained or written: no attempt, no row, no checkpoint
        assertThat(runRows).isEqualTo(2);
        assertThat(TableReader.read(storage, "runs")).hasSize(runRows);
        assertThat(TableReader.read(storage, "metrics")).hasSize(metricRows);
        try (var attempts = java.nio.file.Files.list(tmp.resolve("runs/cli-run/attempts"))) {
            assertThat(attempts.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .containsExactly("attempt-1");
        }
        assertThat(java.nio.file.Files.getLastModifiedTime(latest)).isEqualTo(written);
    }

    @Test
    void aMissingDatasetIsAUsageErrorNamingIt() {
        CliRun r = CliRun.run(args("--dataset", "absent"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("datasets/absent")
                .contains("abacus datagen")
                .doesNotContain("\tat ");
    }
}

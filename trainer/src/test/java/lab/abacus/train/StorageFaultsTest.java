package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import lab.abacus.faults.FaultyFileSystem;
import lab.abacus.faults.FaultyFileSystem.Kind;
import lab.abacus.run.Checkpoints;
import lab.abacus.run.FailureReasons;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O faults wherever a training run writes (tables, checkpoints), injected by a file system that fails the Nth
 * write: the attempt fails as the environment's, naming the path, and once storage is repaired the resumed run has
 * every metrics row and the parameters of a run that never failed.
 */
class StorageFaultsTest {

    private static final int STEPS = 12;

    @TempDir
    java.nio.file.Path tmp;

    Storage storage;
    Config config;

    @BeforeEach
    void data() {
        storage = new StorageRef(tmp.toString(), FaultyFileSystem.HADOOP).open();
        TrainerFixture.additionDataset(storage, "add12", 60);
        config = TrainerFixture.config(
                "train.budget.steps=" + STEPS, "train.checkpoint.every-steps=4", "train.checkpoint.keep=1");
    }

    @AfterEach
    void repair() {
        FaultyFileSystem.clear();
    }

    private RunResult train(String run) {
        return RunTrainer.run(
                RunTarget.of(run, "add12"),
                config,
                storage,
                new RunTrainerTest.Recorder(),
                TrainerFixture.quiet().withScorer(null));
    }

    /** The steps of a run's metrics rows, one per key (the views' rule). */
    private List<Object> metricSteps(String run) {
        return TableReader.latestPerKey(Table.METRICS, TableReader.read(storage, "metrics")).stream()
                .filter(r -> r.get("run_id").equals(run))
                .map(r -> r.get("step"))
                .sorted()
                .toList();
    }

    @Test
    void tablesMadeUnwritableFromTheNthWriteOnLoseNoMetricsRowOnceRepaired() {
        List<Object> all = java.util.stream.LongStream.rangeClosed(1, STEPS)
                .boxed()
                .map(Object.class::cast)
                .toList();
        int lost = 0;
        for (int nth = 1; nth <= 3; nth++) {
            String run = "unwritable-" + nth;
            FaultyFileSystem.Fault fault = FaultyFileSystem.inject("tables/metrics", Kind.PERMISSION, nth, -1);
            RunResult failed = train(run);
            FaultyFileSystem.clear();
            assertThat(fault.fired()).as("fault %d fired", nth).isPositive();
            assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
            assertThat(failed.reason()).startsWith(FailureReasons.ENVIRONMENT).contains("tables/metrics");

            assertThat(train(run).status()).isEqualTo(RunResult.Status.SUCCEEDED);
            lost += all.size() - metricSteps(run).size();
            assertThat(metricSteps(run)).as("metrics of %s", run).isEqualTo(all);
        }
        System.out.printf(
                "I/O faults injected: 3 (tables unwritable from metrics write 1..3); metrics rows lost: %d%n", lost);
    }

    @Test
    void aDiskFullWhileCheckpointingFailsTheAttemptAndTheResumeEqualsARunThatNeverFailed() throws Exception {
        assertThat(train("clean").status()).isEqualTo(RunResult.Status.SUCCEEDED);

        FaultyFileSystem.inject("checkpoints/.step-8", Kind.DISK_FULL, 1, 1);
        RunResult failed = train("full");
        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.reason())
                .startsWith(FailureReasons.ENVIRONMENT)
                .contains("No space left on device")
                .contains("checkpoints");
        assertThat(new Checkpoints(storage, storage.run("full")).steps()).containsExactly(4L);

        assertThat(train("full").status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(bytes("full")).isEqualTo(bytes("clean"));
        assertThat(metricSteps("full")).hasSize(STEPS);
    }

    @Test
    void aFailedRenameOfACheckpointOrOfATableFileLeavesNothingThatLooksComplete() throws Exception {
        FaultyFileSystem.inject("checkpoints/step-4", Kind.RENAME, 1, 1);
        FaultyFileSystem.inject("tables/runs/part-", Kind.RENAME, 2, 1);
        RunResult failed = train("renames");
        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(new Checkpoints(storage, storage.run("renames")).steps()).isEmpty();
        try (var staging = Files.walk(tmp.resolve("runs/renames"))) {
            assertThat(staging.filter(p -> p.getFileName().toString().contains(".tmp-")))
                    .as("no staging left behind")
                    .isEmpty();
        }
        FaultyFileSystem.clear();
        assertThat(train("renames").status()).isEqualTo(RunResult.Status.SUCCEEDED);
        Map<String, Object> last = TableReader.latestPerKey(Table.runs(), TableReader.read(storage, "runs"))
                .get(0);
        assertThat(last).containsEntry("status", "succeeded").containsEntry("step", (long) STEPS);
    }

    private byte[] bytes(String run) throws Exception {
        Path model =
                new Path(new Checkpoints(storage, storage.run(run)).latest().orElseThrow(), Checkpoints.MODEL);
        return Files.readAllBytes(java.nio.file.Path.of(model.toUri()));
    }
}

package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import com.typesafe.config.Config;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.abacus.faults.Damage;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LibTorch;
import lab.abacus.run.Checkpoints;
import lab.abacus.run.RunDirectory;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTrainerTest {

    @TempDir
    java.nio.file.Path tmp;

    Storage storage;

    @BeforeEach
    void data() {
        storage = StorageRef.of(tmp.toString()).open();
        TrainerFixture.additionDataset(storage, "add12", 100);
    }

    /** Records every step report. */
    static final class Recorder implements ProgressListener {
        final List<StepReport> steps = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void warning(String runId, String message) {
            warnings.add(message);
        }

        @Override
        public void step(StepReport r) {
            steps.add(r);
        }

        List<Double> losses() {
            return steps.stream().map(StepReport::loss).toList();
        }
    }

    @Test
    void lossFallsRowsAreWrittenAndASucceededRunIsNotTrainedAgain() {
        Recorder rec = new Recorder();
        RunResult r = train("falls", TrainerFixture.config(), rec);
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(r.steps()).isEqualTo(30);
        List<Double> l = rec.losses();
        double first = (l.get(0) + l.get(1) + l.get(2)) / 3;
        double last = (l.get(27) + l.get(28) + l.get(29)) / 3;
        assertThat(last).isLessThan(0.75 * first);

        // Abacus offsets: one k per batch in training, drawn from {0..max-k}, differing across batches.
        Set<Integer> ks = new HashSet<>();
        rec.steps.forEach(s -> ks.add(s.firstAbacusOffset()));
        assertThat(ks.size()).isGreaterThan(5);
        assertThat(ks).allMatch(k -> k >= 0 && k <= 20);
        // ... and k = 0 in evaluation: an eval pass cannot carry an offset.
        assertThat(ForwardPass.eval(1).abacusOffset()).isZero();
        assertThatThrownBy(() -> new ForwardPass(false, 3, 0, 1)).isInstanceOf(IllegalArgumentException.class);

        List<Map<String, Object>> runs = TableReader.read(storage, "runs");
        assertThat(runs).extracting(m -> m.get("status")).containsExactlyInAnyOrder("running", "succeeded");
        Map<String, Object> done = TableReader.latestPerKey(Table.runs(), runs).get(0);
        assertThat(done)
                .containsEntry("status", "succeeded")
                .containsEntry("step", 30L)
                .containsEntry("budget_steps", 30L)
                .containsEntry("task", "addition")
                .containsEntry("dataset_id", "add12")
                .containsEntry("model_hidden", 32L)
                .containsEntry("train_lr", 3e-3);
        assertThat((Double) done.get("final_loss")).isEqualTo(l.get(29));
        List<Map<String, Object>> metrics = TableReader.read(storage, "metrics");
        assertThat(metrics).hasSize(30);
        assertThat(metrics).allMatch(m -> (Double) m.get("grad_norm") > 0 && (Double) m.get("weight_norm") > 0);
        assertThat(storage.exists(new Path(storage.run("falls"), "run.conf"))).isTrue();
        assertThat(new Checkpoints(storage, storage.run("falls")).steps()).containsExactly(20L, 30L);

        RunResult again = train("falls", TrainerFixture.config(), rec);
        assertThat(again.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(TableReader.read(storage, "runs")).hasSize(2);
        assertThat(rec.steps).hasSize(30);
    }

    @Test
    void aRunStoppedAndResumedEqualsAnUninterruptedOneBitForBit() throws Exception {
        Config config = TrainerFixture.config(
                "train.budget.steps=14",
                "train.checkpoint.every-steps=4",
                "train.batch-ramp.target=64",
                "train.batch-ramp.fraction=0.5");
        Recorder whole = new Recorder();
        train("whole", config, whole);

        Recorder part = new Recorder();
        RunResult first = trainStoppedAt("parts", config, 6, part);
        assertThat(first.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(first.steps()).isEqualTo(6);
        assertThat(new Checkpoints(storage, storage.run("parts")).latest())
                .contains(new Path(new Path(storage.run("parts"), "checkpoints"), "step-6"));
        RunResult second = train("parts", config, part);
        assertThat(second.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(second.attempt()).isEqualTo(2);

        // Same losses, bit for bit, including the batch ramp's accumulation steps ...
        assertThat(part.losses()).containsExactlyElementsOf(whole.losses());
        assertThat(part.steps.stream()
                        .map(ProgressListener.StepReport::accumulation)
                        .toList())
                .containsExactlyElementsOf(whole.steps.stream()
                        .map(ProgressListener.StepReport::accumulation)
                        .toList())
                .contains(1, 2);
        // ... and the same final parameters, byte for byte.
        assertThat(bytes(finalParams("parts"))).isEqualTo(bytes(finalParams("whole")));

        // The deduplicated tables show one succeeded row and one metrics row per step for the resumed run.
        List<Map<String, Object>> runs = TableReader.latestPerKey(Table.runs(), TableReader.read(storage, "runs"));
        Map<String, Object> parts = runs.stream()
                .filter(m -> m.get("run_id").equals("parts"))
                .findFirst()
                .orElseThrow();
        assertThat(parts).containsEntry("status", "succeeded").containsEntry("attempt", 2);
        List<Map<String, Object>> m =
                TableReader.latestPerKey(Table.METRICS, TableReader.read(storage, "metrics")).stream()
                        .filter(r -> r.get("run_id").equals("parts"))
                        .sorted(Comparator.comparing(r -> (Long) r.get("step")))
                        .toList();
        assertThat(m).extracting(r -> r.get("loss")).containsExactlyElementsOf(whole.losses());
    }

    @Test
    void aCheckpointCorruptedInPlaceIsSkippedWithAWarningAndTheResumeFromTheOlderOneIsStillExact() throws Exception {
        Config config = TrainerFixture.config("train.budget.steps=14", "train.checkpoint.every-steps=4");
        Recorder whole = new Recorder();
        train("whole", config, whole);

        trainStoppedAt("torn", config, 10, new Recorder());
        Checkpoints checkpoints = new Checkpoints(storage, storage.run("torn"));
        assertThat(checkpoints.steps()).containsExactly(8L, 10L);
        // One byte flipped in the newest model file, with no file system checksum beside it (as after a copy).
        Damage.flipByte(new Path(new Path(checkpoints.dir(), "step-10"), Checkpoints.MODEL));

        Recorder resumed = new Recorder();
        RunResult second = train("torn", config, resumed);
        assertThat(second.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(resumed.warnings).singleElement().asString().contains("step-10", "SHA-256", "resuming from step-8");
        assertThat(resumed.steps.get(0).step()).isEqualTo(9);
        assertThat(resumed.losses()).containsExactlyElementsOf(whole.losses().subList(8, 14));
        assertThat(bytes(finalParams("torn"))).isEqualTo(bytes(finalParams("whole")));
    }

    @Test
    void aCorruptDatasetFileFailsTheAttemptAsTheEnvironmentsAtTheStepTheRunHadReached() throws Exception {
        Config config = TrainerFixture.config("train.budget.steps=8", "train.checkpoint.every-steps=4");
        trainStoppedAt("env", config, 5, new Recorder());
        // A train shard torn by a copy: its bytes cut in half. Kept aside to repair it afterwards.
        Path shard = TableReader.visibleParquetFiles(storage.fs(), new Path(storage.dataset("add12"), "train"))
                .get(0);
        byte[] whole = Damage.truncate(shard, 0.5);

        RunResult failed = train("env", config, new Recorder());
        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.reason()).startsWith(lab.abacus.run.FailureReasons.ENVIRONMENT);
        assertThat(failed.reason()).contains(shard.getName());
        assertThat(failed.steps()).as("the step of its checkpoint, not 0").isEqualTo(5);

        Damage.write(shard, whole);
        RunResult repaired = train("env", config, new Recorder());
        assertThat(repaired.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(repaired.steps()).isEqualTo(8);
    }

    @Test
    void theFinalEvaluationOfAStepThatIsNotAnEvaluationStepCompletesItsMetricsRowInsteadOfAddingOne() {
        Config config = TrainerFixture.config(
                "train.budget.steps=7", "train.eval.every=5", "train.eval.samples=4", "train.eval.batch=4");
        RunResult r =
                RunTrainer.run(RunTarget.of("evals", "add12"), config, storage, new Recorder(), TrainerFixture.quiet());
        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        List<Map<String, Object>> raw = TableReader.read(storage, "metrics");
        assertThat(raw).extracting(m -> m.get("step")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        Map<String, Object> last = raw.get(6);
        assertThat(last.get("id_acc"))
                .as("the final evaluation, on the last step's one row")
                .isNotNull();
        assertThat(last.get("loss")).isNotNull();
        assertThat(raw.get(4).get("id_acc")).isNotNull();
        assertThat(raw.get(5).get("id_acc")).isNull();
    }

    /** Train {@code run} (no held-out scoring) to its budget. */
    @Test
    void aRunTrainsOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        // As in one JVM that first scored a grid (Spark task threads) and then trains a point on its main thread:
        // PyTorch's grad mode is per thread, and a new thread starts with it on.
        LibTorch.threads(1, 1);
        RunResult[] result = new RunResult[1];
        Thread fresh = new Thread(
                () -> result[0] = train("fresh", TrainerFixture.config("train.budget.steps=3"), new Recorder()));
        fresh.start();
        fresh.join();
        assertThat(result[0].status()).as(String.valueOf(result[0].reason())).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(result[0].steps()).isEqualTo(3);
    }

    private RunResult train(String run, Config config, Recorder rec) {
        return RunTrainer.run(
                RunTarget.of(run, "add12"),
                config,
                storage,
                rec,
                TrainerFixture.quiet().withScorer(null));
    }

    /** Train {@code run} until a stop request after {@code step} steps (it checkpoints there). */
    private RunResult trainStoppedAt(String run, Config config, long step, Recorder rec) {
        StopSignal stop = new StopSignal();
        return RunTrainer.run(
                RunTarget.of(run, "add12"),
                config,
                storage,
                rec,
                TrainerFixture.quiet().withScorer(null).withStop(stop).withAfterStep((done, model) -> {
                    if (done == step) {
                        stop.request("test stop");
                    }
                }));
    }

    private Path finalParams(String run) {
        return new Path(new Checkpoints(storage, storage.run(run)).latest().orElseThrow(), Checkpoints.MODEL);
    }

    private byte[] bytes(Path p) throws Exception {
        try (InputStream in = storage.fs().open(p)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aNanLossFailsTheRunWithTheReason() {
        RunResult r = RunTrainer.run(
                RunTarget.of("nan", "add12"),
                TrainerFixture.config(),
                storage,
                ProgressListener.NONE,
                TrainerFixture.quiet().withScorer(null).withAfterStep((step, model) -> {
                    if (step == 3) {
                        NDArray w = model.parameters().get(0).getValue().getArray();
                        w.muli(Float.NaN);
                    }
                }));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason()).isEqualTo("loss is NaN at step 4");
        Map<String, Object> row = TableReader.latestPerKey(Table.runs(), TableReader.read(storage, "runs"))
                .get(0);
        assertThat(row)
                .containsEntry("status", "failed")
                .containsEntry("reason", "loss is NaN at step 4")
                .containsEntry("step", 3L);
        assertThat(storage.exists(new Path(storage.run("nan"), RunDirectory.RESULT)))
                .isFalse();
    }

    @Test
    void aMissingDatasetFailsTheRunNamingThePath() {
        RunResult r = RunTrainer.run(
                RunTarget.of("nodata", "nope"),
                TrainerFixture.config(),
                storage,
                ProgressListener.NONE,
                TrainerFixture.quiet().withScorer(null));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason()).contains("datasets/nope").contains("manifest.json");
    }
}

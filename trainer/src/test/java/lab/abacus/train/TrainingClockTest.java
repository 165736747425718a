package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget clock of a time-budgeted run counts training only: held-out evaluation and checkpoints are apart. */
class TrainingClockTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aSlowHeldOutEvaluationCostsATimeBudgetedRunNoTrainingTime() {
        Storage storage = StorageRef.of(tmp.toString()).open();
        TrainerFixture.additionDataset(storage, "add12", 60);
        Config config = TrainerFixture.config(
                "train.budget.steps=0",
                "train.budget.time=2s",
                "train.eval.every=3",
                "train.eval.samples=4",
                "train.eval.batch=4",
                "train.checkpoint.every-steps=0");
        // The first held-out evaluation takes 3 s, more than the whole 2 s budget.
        AtomicBoolean slow = new AtomicBoolean(true);
        HeldOutScorer real = new ExactMatchScorer();
        HeldOutScorer scorer = (model, vocab, samples, batch) -> {
            if (slow.getAndSet(false)) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.exactMatch(model, vocab, samples, batch);
        };
        RunResult r = RunTrainer.run(
                RunTarget.of("clocked", "add12"),
                config,
                storage,
                ProgressListener.NONE,
                TrainerFixture.quiet().withScorer(scorer));
        System.out.printf(
                "time budget 2 s with a 3 s held-out evaluation at step 3: %d steps, training clock %.2f s%n",
                r.steps(), r.elapsedS());

        assertThat(r.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(r.steps()).as("steps trained after the evaluation").isGreaterThan(6);
        assertThat(r.elapsedS()).as("the budget clock").isBetween(2.0, 2.9);
        Map<String, Object> row = TableReader.latestPerKey(Table.runs(), TableReader.read(storage, "runs"))
                .get(0);
        assertThat((Double) row.get("eval_s"))
                .as("held-out evaluation time, recorded apart")
                .isGreaterThan(3.0);
        assertThat((Double) row.get("checkpoint_s")).isPositive();
        assertThat(row).containsEntry("precision", "float32");
    }
}

package lab.abacus.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lab.abacus.run.RunId;
import lab.abacus.sweep.ExistingWork.RunRecord;
import lab.abacus.sweep.ExistingWork.RunStatus;
import lab.abacus.sweep.SweepPlan.Action;
import lab.abacus.sweep.SweepPlan.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classifying points against what exists, and the plain-text table of {@code sweep plan / status}. */
class SweepPlanTest {

    @TempDir
    Path dir;

    private SweepSpec spec;
    private final Map<RunId, RunRecord> rows = new HashMap<>();
    private final Set<RunId> grids = new HashSet<>();

    private final ExistingWork work = new ExistingWork() {
        @Override
        public Optional<RunRecord> latest(RunId id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public boolean gridComplete(RunId id) {
            return grids.contains(id);
        }
    };

    @BeforeEach
    void sweep() {
        spec = new SweepFiles(dir).load("plan.conf", """
                abacus.sweep {
                  name = plan-demo
                  seeds = [1, 2]
                  max-retries = 1
                  grid { "model.embedding" = [abacus, fire, nope] }
                }
                """);
    }

    private RunId id(int index) {
        return spec.points().get(index).id();
    }

    private void row(int index, int attempt, RunStatus status, String reason, long step, Double id, Double ood) {
        rows.put(id(index), new RunRecord(id(index), attempt, status, reason, step, 1500, id, ood, Instant.EPOCH));
    }

    @Test
    void nothingExistsYetEverythingIsPendingTraining() {
        SweepPlan plan = SweepPlan.of(spec, ExistingWork.NONE);
        assertThat(plan.points()).extracting(SweepPlan.PointStatus::state).containsOnly(State.PENDING);
        assertThat(plan.todo()).extracting(s -> s.action()).containsOnly(Action.TRAIN);
        assertThat(plan.todo()).hasSize(6);
        assertThat(plan.complete()).isFalse();
    }

    @Test
    void classifiesEveryKindOfPoint() {
        row(0, 1, RunStatus.SUCCEEDED, null, 1500, 0.995, 0.871);
        grids.add(id(0)); // done
        row(1, 1, RunStatus.SUCCEEDED, null, 1500, 0.99, 0.5); // trained, grid incomplete
        row(2, 1, RunStatus.RUNNING, null, 300, 0.25, null); // running
        row(3, 1, RunStatus.FAILED, "NaN loss at step 130", 130, null, null); // retry left
        row(4, 2, RunStatus.FAILED, "NaN loss at step 90", 90, null, null); // out of retries
        // point 5: never started

        SweepPlan plan = SweepPlan.of(spec, work);
        assertThat(plan.points())
                .extracting(SweepPlan.PointStatus::state)
                .containsExactly(State.DONE, State.PENDING, State.RUNNING, State.PENDING, State.FAILED, State.PENDING);
        assertThat(plan.points())
                .extracting(SweepPlan.PointStatus::action)
                .containsExactly(Action.NONE, Action.EVALUATE, Action.NONE, Action.RETRY, Action.NONE, Action.TRAIN);
        assertThat(plan.points()).extracting(SweepPlan.PointStatus::attempts).containsExactly(1, 1, 1, 1, 2, 0);
        assertThat(plan.points().get(4).reason()).isEqualTo("NaN loss at step 90");
        assertThat(plan.todo()).extracting(s -> s.point().index()).containsExactly(1, 3, 5);
        assertThat(plan.count(State.PENDING)).isEqualTo(3);
        assertThat(plan.summary()).isEqualTo("sweep plan-demo: 6 points: 1 done, 1 running, 3 pending, 1 failed");

        String expected = """
                sweep plan-demo: 6 points: 1 done, 1 running, 3 pending, 1 failed
                #  point                    run               state    step / budget  ID acc  OOD acc  next
                -  -----------------------  ----------------  -------  -------------  ------  -------  ----------------------------------------------------
                1  embedding=abacus,seed=1  <ID0>  done       1500 / 1500   99.5%    87.1%
                2  embedding=abacus,seed=2  <ID1>  pending    1500 / 1500   99.0%    50.0%  evaluate grid
                3  embedding=fire,seed=1    <ID2>  running     300 / 1500   25.0%        -  attempt 1
                4  embedding=fire,seed=2    <ID3>  pending     130 / 1500       -        -  retry (attempt 2 of 2); failed: NaN loss at step 130
                5  embedding=nope,seed=1    <ID4>  failed       90 / 1500       -        -  gave up after 2 attempts: NaN loss at step 90
                6  embedding=nope,seed=2    <ID5>  pending              -       -        -  train
                """;
        for (int i = 0; i < 6; i++) {
            // ids depend on reference.conf's defaults; 16 characters wide like the placeholder's column
            expected = expected.replace("<ID" + i + ">", id(i).value());
        }
        assertThat(plan.render()).isEqualTo(expected);
    }

    @Test
    void aRetriedPointThatSucceedsIsDone() {
        row(0, 2, RunStatus.SUCCEEDED, null, 1500, 1.0, 0.9);
        grids.add(id(0));
        assertThat(SweepPlan.of(spec, work).points().get(0).state()).isEqualTo(State.DONE);
    }

    @Test
    void zeroRetriesMeansTheFirstFailureIsFinal() {
        SweepSpec noRetry = new SweepFiles(dir).load("nr.conf", """
                abacus.sweep { max-retries = 0, grid { "model.embedding" = [abacus] } }
                """);
        RunId only = noRetry.points().get(0).id();
        ExistingWork failed = new ExistingWork() {
            @Override
            public Optional<RunRecord> latest(RunId id) {
                return Optional.of(new RunRecord(only, 1, RunStatus.FAILED, "boom", 3, 0, null, null, Instant.EPOCH));
            }

            @Override
            public boolean gridComplete(RunId id) {
                return false;
            }
        };
        SweepPlan plan = SweepPlan.of(noRetry, failed);
        assertThat(plan.points().get(0).state()).isEqualTo(State.FAILED);
        assertThat(plan.render()).contains("3 / -").contains("gave up after 1 attempt: boom");
    }

    @Test
    void planIsCompleteWhenEveryPointIsDone() {
        for (int i = 0; i < 6; i++) {
            row(i, 1, RunStatus.SUCCEEDED, null, 1500, 1.0, 1.0);
            grids.add(id(i));
        }
        SweepPlan plan = SweepPlan.of(spec, work);
        assertThat(plan.complete()).isTrue();
        assertThat(plan.todo()).isEmpty();
        assertThat(List.of(plan.render().split("\n"))).hasSize(2 + 1 + 6);
    }

    @Test
    void deadRunningRowsAndInterruptionsResumeWithoutUsingARetryAndOnlyRealFailuresCount() {
        row(0, 1, RunStatus.RUNNING, null, 300, null, null); // trainer killed (stale heartbeat)
        row(1, 1, RunStatus.RUNNING, null, 300, null, null); // alive
        row(2, 3, RunStatus.FAILED, "interrupted at step 700 (SIGTERM)", 700, null, null);
        row(3, 2, RunStatus.FAILED, "loss is NaN at step 9", 9, null, null); // 1 real failure + 1 interruption
        row(4, 2, RunStatus.FAILED, "loss is NaN at step 9", 9, null, null); // 2 real failures
        RunId dead = id(0);
        ExistingWork richer = new ExistingWork() {
            @Override
            public Optional<RunRecord> latest(RunId id) {
                return work.latest(id);
            }

            @Override
            public boolean gridComplete(RunId id) {
                return false;
            }

            @Override
            public boolean alive(RunId id) {
                return !id.equals(dead);
            }

            @Override
            public boolean interrupted(RunRecord r) {
                return r.reason() != null && r.reason().startsWith("interrupted");
            }

            @Override
            public int failures(RunRecord r) {
                return r.id().equals(id(3)) ? 1 : r.attempt();
            }
        };
        SweepPlan plan = SweepPlan.of(spec, richer); // max-retries = 1
        assertThat(plan.points())
                .extracting(SweepPlan.PointStatus::action)
                .containsExactly(Action.RESUME, Action.NONE, Action.RESUME, Action.RETRY, Action.NONE, Action.TRAIN);
        assertThat(plan.points())
                .extracting(SweepPlan.PointStatus::state)
                .containsExactly(
                        State.PENDING, State.RUNNING, State.PENDING, State.PENDING, State.FAILED, State.PENDING);
        assertThat(plan.render())
                .contains("resume from checkpoint (attempt 1 stopped without a final row (killed?))")
                .contains("resume from checkpoint (interrupted at step 700 (SIGTERM))");
        assertThat(SweepPlan.of(spec, work).points().get(0).state())
                .as("default: running rows are alive")
                .isEqualTo(State.RUNNING);
    }
}

package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static TrainSettings settings(String... overrides) {
        List<String> o = new ArrayList<>();
        for (String s : overrides) {
            o.add("train." + s);
        }
        return TrainSettings.from(AbacusConfig.load(null, o));
    }

    @Test
    void stepBudgetTrapezoid() {
        Schedule s = new Schedule(settings("budget.steps=100", "lr=1e-3"));
        assertThat(s.lr(0, 0)).isCloseTo(1e-4, within(1e-12)); // (0+1)/10 of peak: the first step learns
        assertThat(s.lr(4, 0)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.lr(9, 0)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(50, 0)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(90, 0)).isCloseTo(1e-3, within(1e-12)); // (100-90)/10
        assertThat(s.lr(95, 0)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.lr(99, 0)).isCloseTo(1e-4, within(1e-12));
    }

    @Test
    void warmupLinearDecaysTowardsItsOwnHorizon() {
        // Murty et al.'s code: warm-up 10k steps, linear decay to 0 at 2M, runs stopped at 300k / 400k
        Schedule s = new Schedule(settings(
                "budget.steps=300000",
                "lr=1e-4",
                "schedule=warmup-linear",
                "warmup-steps=10000",
                "decay-horizon=2000000"));
        assertThat(s.lr(0, 0)).isZero(); // Hugging Face's first step: lr 0
        assertThat(s.lr(5_000, 0)).isCloseTo(0.5e-4, within(1e-15));
        assertThat(s.lr(10_000, 0)).isCloseTo(1e-4, within(1e-15));
        // structural-grokking 2.2: at 300k steps about 0.854e-4, at 400k about 0.804e-4
        assertThat(s.lr(300_000, 0)).isCloseTo(0.854e-4, within(0.001e-4));
        assertThat(s.lr(400_000, 0)).isCloseTo(0.804e-4, within(0.001e-4));
        assertThat(s.lr(2_000_000, 0)).isZero();
        assertThatThrownBy(() -> settings("schedule=warmup-linear", "warmup-steps=10", "decay-horizon=10"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.train.decay-horizon");
    }

    @Test
    void timeBudgetFollowsTheReferenceFractions() {
        Schedule s = new Schedule(settings("budget.steps=0", "budget.time=100s", "lr=1e-3"));
        assertThat(s.lr(0, 0)).isZero();
        assertThat(s.lr(7, 5)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.lr(7, 50)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(7, 97.5)).isCloseTo(2.5e-4, within(1e-12));
        assertThat(s.progress(7, 25)).isEqualTo(0.25);
    }

    @Test
    void batchRampReachesTheTargetWhereTheReferenceDoes() {
        // microbatch 512 → 8192 at 56.25%, 256 → 58.1%, 32 → 59.8% of the budget (abacus-reference §5.1).
        assertThat(firstFullStep(512)).isEqualTo(5625);
        assertThat(firstFullStep(256)).isEqualTo(5813);
        assertThat(firstFullStep(32)).isEqualTo(5977);
        Schedule s = new Schedule(settings("budget.steps=10000", "batch-size=512", "batch-ramp.target=8192"));
        assertThat(s.accumulation(0, 0)).isEqualTo(1);
        assertThat(s.accumulation(400, 0)).isEqualTo(2); // steps of one microbatch, linear in progress
        assertThat(s.accumulation(9999, 0)).isEqualTo(16);
        assertThat(new Schedule(settings("budget.steps=10")).accumulation(5, 0)).isEqualTo(1);
    }

    private static long firstFullStep(int micro) {
        Schedule s = new Schedule(settings("budget.steps=10000", "batch-size=" + micro, "batch-ramp.target=8192"));
        for (long step = 0; step < 10000; step++) {
            if (s.accumulation(step, 0) == 8192 / micro) {
                return step;
            }
        }
        return -1;
    }

    @Test
    void settingsAreCheckedWithTheirKey() {
        assertThatThrownBy(() -> settings("budget.steps=0"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.train.budget");
        assertThatThrownBy(() -> settings("budget.time=10m"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> settings("budget.steps=0", "budget.time=soon"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.train.budget.time");
        assertThatThrownBy(() -> settings("batch-ramp.target=10"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("abacus.train.batch-ramp.target");
        assertThatThrownBy(() -> settings("device=tpu"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("cpu, gpu");
        TrainSettings d = settings();
        assertThat(Arrays.asList(d.lr(), d.beta1(), d.beta2(), d.eps(), d.weightDecay(), d.gradClip()))
                .containsExactly(1e-4, 0.9, 0.98, 1e-12, 0.01, 0.5);
    }
}

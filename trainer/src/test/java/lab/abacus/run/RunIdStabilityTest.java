package lab.abacus.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lab.abacus.config.AbacusConfig;
import org.junit.jupiter.api.Test;

/**
 * Finished runs keep their ids when the platform gains settings: golden ids computed by the release before the
 * structural tasks and Murty's switches existed (commit 7d7e9be), for the defaults and for a changed config.
 */
class RunIdStabilityTest {

    @Test
    void idsOfTheEarlierReleaseStillHold() {
        assertThat(RunId.of(RunConfig.of(AbacusConfig.defaults())).value()).isEqualTo("dd8737b7c4ceb96c");
        assertThat(RunId.of(RunConfig.of(AbacusConfig.load(
                                null,
                                List.of(
                                        "model.hidden=64",
                                        "model.embedding=nope",
                                        "train.seed=3",
                                        "data.task=sorting"))))
                        .value())
                .isEqualTo("965124744dbb8b69");
    }

    @Test
    void aSwitchAwayFromTheEarlierBehaviourIsANewRun() {
        RunId base = RunId.of(RunConfig.of(AbacusConfig.defaults()));
        for (String change : List.of("model.dropout=0.1", "model.ffn=relu", "train.schedule=warmup-linear")) {
            assertThat(RunId.of(RunConfig.of(AbacusConfig.load(null, List.of(change)))))
                    .as(change)
                    .isNotEqualTo(base);
        }
        // spelled another way, the earlier value is still the earlier run
        assertThat(RunId.of(RunConfig.of(AbacusConfig.load(null, List.of("model.dropout=0", "model.ffn=glu")))))
                .isEqualTo(base);
    }
}

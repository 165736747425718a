package lab.abacus.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    @Test
    void storageFailuresAnywhereInTheCauseChainAreTheEnvironmentsAndUseUpNoRetry() {
        Throwable wrapped = new IllegalStateException(
                "reading shard", new UncheckedIOException(new IOException("Input/output error")));
        assertThat(FailureReasons.of(wrapped)).isEqualTo("environment: reading shard");
        assertThat(FailureReasons.of(org.apache.hadoop.fs.DiskFull.error("/data")))
                .isEqualTo("environment: java.io.IOException: No space left on device: /data");
        assertThat(FailureReasons.of(new CorruptCheckpoint("step-4 altered"))).isEqualTo("environment: step-4 altered");
        assertThat(FailureReasons.countsAgainstRetries(FailureReasons.of(wrapped)))
                .isFalse();
    }

    @Test
    void aFailureOfTheRunItselfCountsAndAnInterruptionDoesNot() {
        String nan = FailureReasons.of(new IllegalStateException("loss is NaN at step 4"));
        assertThat(nan).isEqualTo("loss is NaN at step 4");
        assertThat(FailureReasons.countsAgainstRetries(nan)).isTrue();
        assertThat(FailureReasons.of(new IllegalArgumentException())).isEqualTo("IllegalArgumentException");
        assertThat(FailureReasons.countsAgainstRetries("interrupted at step 7 (SIGTERM); checkpoint saved"))
                .isFalse();
        assertThat(FailureReasons.isInterruption(null)).isFalse();
        assertThat(FailureReasons.countsAgainstRetries(null)).isTrue();
    }
}

package lab.abacus.cli;

import static lab.abacus.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code abacus bench}: each benchmark a sub-command, with the option syntax of every other verb. */
class BenchCommandTest {

    @Test
    void aBenchmarkGetsItsOptionsAndPrintsItsFigures() {
        CliRun r = run("bench", "grid", "packing", "--partitions", "7", "--samples", "3");
        assertThat(r.code()).as(r.err()).isZero();
        // the benchmark saw both options: they are echoed in its first line
        assertThat(r.out()).contains("n = 3 samples, 7 partitions").contains("reference split (10 bands x parity)");
    }

    @Test
    void anUnknownBenchmarkOrOptionOrABadValueIsAUsageError() {
        CliRun unknown = run("bench", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nope'").contains("datagen").contains("grid-spark");

        CliRun badArg = run("bench", "train", "--bogus", "1");
        assertThat(badArg.code()).isEqualTo(2);
        assertThat(badArg.err())
                .contains("Unknown option")
                .contains("'--bogus'")
                .doesNotContain("\tat ");

        CliRun badValue = run("bench", "grid", "packing", "--partitions", "0");
        assertThat(badValue.code()).isEqualTo(2);
        assertThat(badValue.err())
                .contains("--partitions and --samples must be >= 1")
                .doesNotContain("\tat ");

        CliRun noBenchmark = run("bench");
        assertThat(noBenchmark.code()).isEqualTo(2);
        assertThat(noBenchmark.err()).contains("which benchmark").contains("decode");
    }
}

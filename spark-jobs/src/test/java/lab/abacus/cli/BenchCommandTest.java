package lab.abacus.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static lab.abacus.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code abacus bench}: dispatch to the benchmark main classes, their own arguments passed through untouched. */
class BenchCommandTest {

    @Test
    void passesOptionsAndValuesThroughToTheBenchmark() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CliRun r;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            r = run("bench", "grid", "packing", "--partitions", "7", "--samples", "3");
        } finally {
            System.setOut(stdout);
        }
        assertThat(r.code()).as(r.err()).isZero();
        // the benchmark saw both options: they are echoed in its first line
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("n = 3 samples, 7 partitions")
                .contains("reference split (10 bands x parity)");
    }

    @Test
    void anUnknownBenchmarkOrArgumentIsAUsageError() {
        CliRun unknown = run("bench", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown benchmark 'nope'")
                .contains("datagen, train, decode, grid, grid-spark");

        CliRun badArg = run("bench", "train", "--bogus", "1");
        assertThat(badArg.code()).isEqualTo(2);
        assertThat(badArg.err()).contains("train: unknown argument --bogus").doesNotContain("\tat ");
    }
}

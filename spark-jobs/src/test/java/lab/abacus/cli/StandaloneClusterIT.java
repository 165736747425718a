package lab.abacus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.abacus.testing.AbacusSubmit;
import lab.abacus.testing.StandaloneSparkCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded jar on a real standalone cluster (Master + 2 Workers on 127.0.0.1, executors in their own JVMs),
 * launched the way spark-submit launches it: the CLI's verbs, the trainer's classes and DJL's engine (natives
 * shipped with --jars) all work on executors.
 */
class StandaloneClusterIT {

    @RegisterExtension
    static final StandaloneSparkCluster CLUSTER = StandaloneSparkCluster.withWorkers(2);

    @Test
    void sparkSubmitRunsAVerbOnTwoExecutorJvms() {
        StandaloneSparkCluster.Submission run = CLUSTER.submit(
                Duration.ofMinutes(5),
                AbacusSubmit.verb(
                        "512m",
                        // This job is tiny: C1 and serial GC start the executor JVMs faster.
                        "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                        // Executor JVMs take tens of seconds to start on a busy 2-core machine: wait long enough for
                        // both.
                        List.of(
                                "spark.scheduler.maxRegisteredResourcesWaitingTime=180s",
                                "spark.driver.host=127.0.0.1"),
                        "spark-check",
                        "--partitions",
                        "4",
                        "--numbers",
                        "10000",
                        "--djl"));

        String out = run.output();
        assertThat(run.exitCode())
                .as("exit code; log %s:%n%s", run.log(), tail(out))
                .isZero();
        assertThat(out).contains("spark-check: master " + CLUSTER.masterUrl());
        // 1..10000 has 9*1 + 90*2 + 900*3 + 9000*4 + 5 = 38894 digits, each encoded as one digit token.
        assertThat(out).contains("spark-check: 10000 numbers, 38894 digit tokens (expected 38894) in 4 partitions");
        Matcher summary = Pattern.compile("on executors \\[(.*?)] in JVMs \\[(.*?)] \\(driver JVM (\\d+)\\): ok")
                .matcher(out);
        assertThat(summary.find()).as("summary line in%n%s", tail(out)).isTrue();
        assertThat(summary.group(1).split(", ")).containsExactlyInAnyOrder("0", "1");
        String[] executorPids = summary.group(2).split(", ");
        assertThat(executorPids).hasSize(2).doesNotContain(summary.group(3));
        assertThat(Pattern.compile("DJL PyTorch \\d").matcher(out).results().count())
                .isEqualTo(4);
        System.out.println(
                "standalone cluster spark-submit took " + run.elapsed().toSeconds() + " s");
    }

    private static String tail(String out) {
        return AbacusSubmit.tail(out, 60);
    }
}

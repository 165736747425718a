package lab.abacus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.TableReader;
import lab.abacus.testing.AbacusSubmit;
import lab.abacus.testing.StandaloneSparkCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep run} with {@code abacus.launcher.type = spark} through spark-submit on a real standalone cluster
 * (Master + 2 Workers on 127.0.0.1, executors in their own JVMs), CPU tasks: each point trains in a Spark task on an
 * executor under the stage's task resource profile, then the grids and the summary follow; a second submit does
 * nothing.
 */
class SparkLauncherIT {

    @RegisterExtension
    static final StandaloneSparkCluster CLUSTER = StandaloneSparkCluster.withWorkers(2);

    @Test
    void sweepRunTrainsEachPointAsASparkTaskOnTheExecutors(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Path sweep =
                TinySweeps.write(dir, "cluster", root.toString(), "\"model.embedding\" = [abacus, nope]", "[1]", 0);
        Files.writeString(
                sweep,
                Files.readString(sweep)
                        + "abacus.launcher { type = spark, spark { gpus-per-task = 0, cpus-per-task = 1 } }\n");

        StandaloneSparkCluster.Submission first = submit(sweep);
        assertThat(first.exitCode())
                .as("exit code; log %s:%n%s", first.log(), tail(first.output()))
                .isZero();
        assertThat(first.output())
                .contains("as Spark tasks (spark (one task per point, CPU tasks")
                .contains("embedding=abacus,seed=1: succeeded after 6 steps")
                .contains("embedding=nope,seed=1: succeeded after 6 steps")
                .contains("executor task")
                .contains("2 points: 2 done");

        Storage storage = StorageRef.of(root.toUri().toString()).open();
        List<Map<String, Object>> runs = TableReader.read(storage, "runs");
        assertThat(runs).filteredOn(r -> "succeeded".equals(r.get("status"))).hasSize(2);
        assertThat(TableReader.read(storage, "eval_cells")).hasSize(18);

        StandaloneSparkCluster.Submission second = submit(sweep);
        assertThat(second.exitCode()).as("second run; log %s", second.log()).isZero();
        assertThat(second.output()).contains("0 dataset(s) generated, 0 point(s) trained, 0 grid(s) evaluated");
        System.out.println("spark launcher sweep on the standalone cluster: "
                + first.elapsed().toSeconds() + " s, " + "second run "
                + second.elapsed().toSeconds() + " s");
    }

    private static StandaloneSparkCluster.Submission submit(Path sweep) {
        return CLUSTER.submit(
                Duration.ofMinutes(6), AbacusSubmit.verb("1g", "", List.of(), "sweep", "run", sweep.toString()));
    }

    private static String tail(String out) {
        return AbacusSubmit.tail(out, 80);
    }
}

package lab.abacus.gridjob;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.abacus.bench.spark.GridSparkBenchmark;
import lab.abacus.cli.AbacusMain;
import lab.abacus.testing.StandaloneSparkCluster;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of surefire and failsafe runs): the same grid
 * ({@link GridSparkBenchmark}, {@code abacus bench grid-spark}) spark-submitted to a real standalone cluster on 127.0.0.1 with 1 worker and with 2
 * workers (1 core each), printing both wall times and the speedup. Needs the shaded jar:
 * <pre>
 *   mvn -B -pl spark-jobs -am package -DskipTests
 *   mvn -B -pl spark-jobs -am test -Dtest=GridScalingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dabacus-test.bench.args="--grid 24x24 --samples 20 --partitions 20"
 * </pre>
 */
class GridScalingBenchmark {

    private static final Pattern SUMMARY =
            Pattern.compile("grid benchmark: .* in ([0-9.]+) s \\(([0-9.]+) problems/s\\); "
                    + "partition cost max/mean predicted ([0-9.]+), time max/mean measured ([0-9.]+)");

    @Test
    void oneWorkerVersusTwo() {
        String[] benchArgs = System.getProperty("abacus-test.bench.args", "--grid 24x24 --samples 20 --partitions 20")
                .trim()
                .split("\\s+");
        double[] seconds = new double[3];
        for (int workers = 1; workers <= 2; workers++) {
            try (StandaloneSparkCluster cluster =
                    StandaloneSparkCluster.withWorkers(workers).start()) {
                List<String> args = new ArrayList<>(List.of(
                        "--deploy-mode",
                        "client",
                        "--class",
                        AbacusMain.class.getName(),
                        "--driver-memory",
                        "1g",
                        "--executor-memory",
                        "1g",
                        "--total-executor-cores",
                        Integer.toString(workers),
                        "--conf",
                        "spark.executor.cores=1",
                        "--conf",
                        "spark.scheduler.minRegisteredResourcesRatio=1.0",
                        "--conf",
                        "spark.ui.enabled=false",
                        "--conf",
                        "spark.driver.extraJavaOptions=-Dai.djl.offline=true",
                        "--conf",
                        "spark.executor.extraJavaOptions=-Dai.djl.offline=true",
                        "--jars",
                        nativesJar(),
                        jar().toString(),
                        "bench",
                        "grid-spark"));
                args.addAll(Arrays.asList(benchArgs));
                StandaloneSparkCluster.Submission run =
                        cluster.submit(Duration.ofMinutes(20), args.toArray(String[]::new));
                String out = run.output();
                out.lines()
                        .filter(l -> l.contains("grid benchmark") || l.contains("  partition "))
                        .forEach(System.out::println);
                Matcher m = SUMMARY.matcher(out);
                if (run.exitCode() != 0 || !m.find()) {
                    throw new IllegalStateException("benchmark failed (exit " + run.exitCode() + "), log " + run.log());
                }
                seconds[workers] = Double.parseDouble(m.group(1));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "standalone cluster: 1 worker %.1f s, 2 workers %.1f s, speedup %.2fx%n",
                seconds[1],
                seconds[2],
                seconds[1] / seconds[2]);
    }

    private static Path jar() {
        return Path.of(System.getProperty("abacus-test.shaded.jar", "target/abacus-spark-jobs-all.jar"));
    }

    private static String nativesJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("pytorch-native-cpu") && Files.isRegularFile(Path.of(p)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pytorch-native-cpu not on the class path"));
    }
}

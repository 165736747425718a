package lab.abacus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.abacus.cli.AbacusMain;

/**
 * What the cluster integration tests need to spark-submit the shaded jar's CLI to a
 * {@link StandaloneSparkCluster}: the jar, the libtorch natives jar it leaves out, and the arguments every such
 * submit shares.
 */
public final class AbacusSubmit {

    private AbacusSubmit() {}

    /** The shaded jar built by {@code package} (system property {@code abacus-test.shaded.jar}), asserted to exist. */
    public static Path shadedJar() {
        Path jar = Path.of(System.getProperty("abacus-test.shaded.jar", "target/abacus-spark-jobs-all.jar"));
        assertThat(jar).as("shaded jar (built by `package`)").isRegularFile();
        return jar;
    }

    /** The libtorch natives jar (kept out of the shaded jar) from this test's class path, as --jars ships it. */
    public static String nativesJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("pytorch-native-cpu") && Files.isRegularFile(Path.of(p)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pytorch-native-cpu not on the class path"));
    }

    /**
     * spark-submit arguments running {@code bin/abacus <verb...>} from the shaded jar in client mode on two one-core
     * executors, after both executors registered (so the work spreads over both JVMs), DJL offline, no UI.
     *
     * @param memory              driver and executor memory, e.g. "1g"
     * @param executorJavaOptions added to the executors' {@code -Dai.djl.offline=true} ("" for none)
     * @param extraConf           more {@code key=value} Spark settings
     */
    public static String[] verb(String memory, String executorJavaOptions, List<String> extraConf, String... verb) {
        List<String> args = new ArrayList<>(List.of(
                "--deploy-mode", "client",
                "--class", AbacusMain.class.getName(),
                "--driver-memory", memory,
                "--executor-memory", memory,
                "--total-executor-cores", "2",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.extraJavaOptions=-Dai.djl.offline=true",
                "--conf", ("spark.executor.extraJavaOptions=-Dai.djl.offline=true " + executorJavaOptions).strip()));
        for (String conf : extraConf) {
            args.addAll(List.of("--conf", conf));
        }
        args.addAll(List.of("--jars", nativesJar(), shadedJar().toString()));
        args.addAll(Arrays.asList(verb));
        return args.toArray(String[]::new);
    }

    /** The last {@code lines} lines of a submit's output, for failure messages. */
    public static String tail(String out, int lines) {
        String[] all = out.split("\n", -1);
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}

package lab.abacus.sweep;

import com.typesafe.config.Config;
import java.util.List;
import lab.abacus.config.Settings;

/** {@code abacus.launcher}: where a sweep's pending points train. Every type's section is validated. */
public record LauncherSettings(Type type, Local local, Spark spark, Kubernetes kubernetes, Jvm process) {

    public static final String SECTION = "abacus.launcher";

    /** Where a point's training runs. */
    public enum Type {
        LOCAL,
        SPARK,
        KUBERNETES
    }

    /**
     * @param parallelPoints points trained at once: 1 in the driver JVM, more each in a trainer process of its own
     */
    public record Local(int parallelPoints) {}

    /**
     * @param gpusPerTask         spark.task.resource.gpu.amount of the training stage (0: CPU tasks)
     * @param cpusPerTask         spark.task.cpus of the training stage
     * @param executorGpus        spark.executor.resource.gpu.amount (0: the cluster's setting)
     * @param discoveryScript     executor GPU discovery script ("" : the cluster's)
     * @param maxConcurrentPoints points training at once (0: all task slots)
     */
    public record Spark(
            int gpusPerTask, int cpusPerTask, int executorGpus, String discoveryScript, int maxConcurrentPoints) {}

    public record Kubernetes(String namespace, String image, int gpusPerPod, int parallelism, String serviceAccount) {}

    /**
     * The JVM of a trainer process ({@code lab.abacus.process.TrainerMain}): what the local launcher starts for each
     * point when it trains several at once, and what every Spark task starts for its point.
     *
     * @param heapMb      -Xmx of each trainer process, in MiB
     * @param javaOptions extra JVM options, after the ones copied from the launching JVM
     */
    public record Jvm(long heapMb, java.util.List<String> javaOptions) implements java.io.Serializable {}

    public static LauncherSettings from(Config config) {
        Settings s = Settings.section(config, SECTION);
        Type type = s.enumValue("type", Type.class);
        Local local = new Local(s.intIn("local.parallel-points", 1, 1024));
        Spark spark = new Spark(
                s.intIn("spark.gpus-per-task", 0, 64),
                s.intIn("spark.cpus-per-task", 1, 1024),
                s.intIn("spark.executor-gpus", 0, 64),
                s.string("spark.discovery-script"),
                s.intIn("spark.max-concurrent-points", 0, 1_000_000));
        s.require(
                spark.executorGpus() == 0 || spark.executorGpus() >= spark.gpusPerTask(),
                "spark.executor-gpus",
                "must be at least spark.gpus-per-task (" + spark.gpusPerTask() + ") or 0");
        Kubernetes k8s = new Kubernetes(
                s.string("kubernetes.namespace"),
                s.string("kubernetes.image"),
                s.intIn("kubernetes.gpus-per-pod", 0, 64),
                s.intIn("kubernetes.parallelism", 1, 100_000),
                s.string("kubernetes.service-account"));
        s.require(!k8s.image().isBlank(), "kubernetes.image", "must not be empty");
        long heapBytes = s.config().getMemorySize("process.heap").toBytes();
        s.require(heapBytes >= 64L << 20, "process.heap", "must be at least 64m");
        Jvm process = new Jvm(heapBytes >> 20, List.copyOf(s.config().getStringList("process.java-options")));
        return new LauncherSettings(type, local, spark, k8s, process);
    }
}

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

    /**
     * @param masterUrl            the API server ("": kubeconfig's current context, else the in-cluster account)
     * @param namespace            of the trainer Jobs and their plan ConfigMaps
     * @param image                the trainer image
     * @param gpusPerPod           nvidia.com/gpu per pod (0: CPU pods)
     * @param parallelism          pods of a Job running at once
     * @param serviceAccount       of the trainer pods ("": the Job template's)
     * @param jobTemplate          the suspended Job in the namespace whose copy every trainer Job is ("": the packaged)
     * @param backoffLimitPerIndex pod retries per index (backoffLimitPerIndex)
     * @param pointsPerJob         points per Job at most
     * @param jobTtlSeconds        how long a finished Job stays (ttlSecondsAfterFinished)
     * @param waitForJobs          follow the Jobs until they finish (false: submit and return)
     * @param pollSeconds          how often a waiting launcher polls its Jobs
     */
    public record Kubernetes(
            String masterUrl,
            String namespace,
            String image,
            int gpusPerPod,
            int parallelism,
            String serviceAccount,
            String jobTemplate,
            int backoffLimitPerIndex,
            int pointsPerJob,
            int jobTtlSeconds,
            boolean waitForJobs,
            double pollSeconds) {}

    /**
     * The JVM of a trainer process ({@code lab.abacus.process.TrainerMain}): what the local launcher starts for each
     * point when it trains several at once, and what every Spark task starts for its point.
     *
     * @param heapMb      -Xmx of each trainer process, in MiB
     * @param javaOptions extra JVM options, after the ones copied from the launching JVM
     */
    public record Jvm(long heapMb, java.util.List<String> javaOptions) implements java.io.Serializable {}

    private static Kubernetes kubernetes(Settings s) {
        long ttl = s.config().getDuration("kubernetes.job-ttl").toSeconds();
        s.require(ttl >= 60 && ttl <= Integer.MAX_VALUE, "kubernetes.job-ttl", "must be between 1m and 68 years");
        long pollMs = s.config().getDuration("kubernetes.poll-interval").toMillis();
        s.require(pollMs >= 100, "kubernetes.poll-interval", "must be at least 100ms");
        Kubernetes k = new Kubernetes(
                s.string("kubernetes.master-url"),
                s.string("kubernetes.namespace"),
                s.string("kubernetes.image"),
                s.intIn("kubernetes.gpus-per-pod", 0, 64),
                s.intIn("kubernetes.parallelism", 1, 100_000),
                s.string("kubernetes.service-account"),
                s.string("kubernetes.job-template"),
                s.intIn("kubernetes.backoff-limit-per-index", 0, 100),
                s.intIn("kubernetes.points-per-job", 1, 2_000),
                (int) ttl,
                s.config().getBoolean("kubernetes.wait"),
                pollMs / 1000.0);
        s.require(!k.image().isBlank(), "kubernetes.image", "must not be empty (the trainer image, see docker/)");
        s.require(
                k.namespace().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"),
                "kubernetes.namespace",
                "must be a DNS label (lower-case letters, digits, '-'), not \"" + k.namespace() + "\"");
        return k;
    }

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
        Kubernetes k8s = kubernetes(s);
        long heapBytes = s.config().getMemorySize("process.heap").toBytes();
        s.require(heapBytes >= 64L << 20, "process.heap", "must be at least 64m");
        Jvm process = new Jvm(heapBytes >> 20, List.copyOf(s.config().getStringList("process.java-options")));
        return new LauncherSettings(type, local, spark, k8s, process);
    }
}

package lab.abacus.orchestration;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.run.RunPoint;
import lab.abacus.spark.StageResources;
import lab.abacus.storage.StorageRef;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.train.StopSignal;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.sql.SparkSession;

/**
 * {@code abacus.launcher.type = spark}: each pending point is one Spark task. The training stage runs with a
 * resource profile that asks for {@code gpus-per-task} GPUs ({@code spark.task.resource.gpu.amount}) and
 * {@code cpus-per-task} cores per task, so the scheduler puts one point on each free GPU; the task maps the GPU
 * address Spark assigned it ({@code TaskContext.resources().get("gpu")}) to the DJL device
 * ({@code abacus.train.device = gpu, gpu-index = <address>}). With {@code gpus-per-task = 0} the same launcher runs
 * CPU tasks (no GPU request), so it works on a cluster without GPUs.
 *
 * <p>Executor GPUs ({@code spark.executor.resource.gpu.amount} and its discovery script) are cluster settings: they
 * go into the session's Spark conf ({@link #sessionConf}) and, with dynamic allocation on, into the stage's profile
 * too. Without dynamic allocation Spark accepts task-only profiles (standalone, YARN, Kubernetes), which is what
 * this launcher builds then (also for CPU tasks, where it asks for {@code cpus-per-task} cores). Local masters do
 * not support stage-level scheduling: tasks run without a profile.
 *
 * <p>Each task trains its point in a trainer process of its own ({@link TrainerProcess}: executor class path, GPU
 * address passed on), so an executor may run several tasks at once.
 *
 * <p>A task failure (a lost executor) is retried by Spark like any task ({@code spark.task.maxFailures}); the
 * retried task resumes the run from its last checkpoint.
 */
public final class SparkLauncher implements Launcher {

    private final SparkSession spark;
    private final LauncherSettings.Spark settings;
    private final LauncherSettings.Jvm process;
    private final PrintStream out;

    public SparkLauncher(
            SparkSession spark, LauncherSettings.Spark settings, LauncherSettings.Jvm process, PrintStream out) {
        this.spark = spark;
        this.settings = settings;
        this.process = process;
        this.out = out;
    }

    /** Spark settings the launcher needs on the session: the executors' GPUs and how to discover them. */
    public static Map<String, String> sessionConf(LauncherSettings.Spark s) {
        Map<String, String> conf = new LinkedHashMap<>();
        if (s.executorGpus() > 0) {
            conf.put("spark.executor.resource.gpu.amount", String.valueOf(s.executorGpus()));
        }
        if (!s.discoveryScript().isBlank()) {
            conf.put("spark.executor.resource.gpu.discoveryScript", s.discoveryScript());
        }
        return conf;
    }

    @Override
    public String describe() {
        return "spark (one task per point, "
                + (settings.gpusPerTask() == 0 ? "CPU tasks" : settings.gpusPerTask() + " GPU(s) per task") + ", "
                + settings.cpusPerTask() + " core(s) per task)";
    }

    /** The training stage's resource profile, or null when the stage runs with the default one. */
    ResourceProfile profile() {
        return StageResources.profile(
                spark.sparkContext(),
                settings.gpusPerTask(),
                settings.cpusPerTask(),
                settings.executorGpus(),
                settings.discoveryScript(),
                "training");
    }

    @Override
    public List<PointOutcome> launch(List<RunPoint> points, LaunchContext context) {
        if (points.isEmpty()) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int wave = settings.maxConcurrentPoints() > 0 ? settings.maxConcurrentPoints() : points.size();
        ResourceProfile profile = profile();
        List<PointOutcome> out = new ArrayList<>();
        for (int from = 0; from < points.size(); from += wave) {
            List<RunPoint> part = points.subList(from, Math.min(points.size(), from + wave));
            JavaRDD<RunPoint> rdd = jsc.parallelize(new ArrayList<>(part), part.size());
            if (profile != null) {
                rdd = rdd.withResources(profile);
            }
            TrainTask task = new TrainTask(context.storage(), process, settings.cpusPerTask());
            spark.sparkContext().setJobDescription("train " + part.size() + " sweep point(s)");
            this.out.printf(Locale.ROOT, "[sweep] training %d point(s) as Spark tasks (%s)%n", part.size(), describe());
            try {
                List<PointOutcome> got = rdd.mapPartitions(task).collect();
                out.addAll(got);
            } finally {
                spark.sparkContext().setJobDescription(null);
            }
        }
        return out;
    }

    /**
     * The task: train the partition's point(s) in a trainer process each ({@link TrainerProcess}), on the GPU Spark
     * assigned, if any. A process per point makes several tasks per executor safe (several GPUs or cores per
     * executor, local masters): two runs can never train in one JVM. The child's output goes to the executor's
     * stdout, prefixed with the point's label.
     */
    static final class TrainTask implements FlatMapFunction<Iterator<RunPoint>, PointOutcome> {
        private final StorageRef storage;
        private final LauncherSettings.Jvm process;
        private final int threads;

        TrainTask(StorageRef storage, LauncherSettings.Jvm process, int threads) {
            this.storage = storage;
            this.process = process;
            this.threads = threads;
        }

        @Override
        public Iterator<PointOutcome> call(Iterator<RunPoint> points) {
            TaskContext tc = TaskContext.get();
            Integer gpu = StageResources.assignedGpu(tc);
            String where = "executor task " + (tc == null ? "?" : tc.taskAttemptId())
                    + (tc == null ? "" : " (partition " + tc.partitionId() + ", attempt " + tc.attemptNumber() + ")");
            List<PointOutcome> out = new ArrayList<>();
            while (points.hasNext()) {
                RunPoint point = points.next();
                // The executor going down (SIGTERM) stops the child with a checkpoint; the retried task resumes.
                StopSignal stop = new StopSignal();
                stop.install(TrainerProcess.GRACE);
                try {
                    out.add(TrainerProcess.train(
                            point,
                            storage,
                            process,
                            threads,
                            gpu,
                            stop,
                            line -> System.out.println("[" + point.label() + "] " + line),
                            where));
                } finally {
                    stop.finished();
                    stop.uninstall();
                }
            }
            return out.iterator();
        }
    }
}

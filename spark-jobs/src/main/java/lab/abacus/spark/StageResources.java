package lab.abacus.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ExecutorResourceRequests;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's GPUs: the resource profile that asks for {@code gpus} GPUs and {@code cpus} cores per task (the training
 * stage of the spark launcher, the grid stage with {@code eval.gpus-per-task}), and the device a task was given.
 */
public final class StageResources {

    private static final Logger LOG = LoggerFactory.getLogger(StageResources.class);

    private StageResources() {}

    /**
     * The profile, or null where the stage runs with the default one: local masters (no stage-level scheduling), and
     * CPU-only requests of a single core. Executor GPUs join the profile only with dynamic allocation, the one mode
     * in which Spark starts executors for a profile; otherwise they are the cluster's settings.
     */
    public static ResourceProfile profile(
            SparkContext sc, int gpus, int cpus, int executorGpus, String discoveryScript, String stage) {
        String master = sc.master();
        if (SparkSettings.isLocal(master) || master.startsWith("local")) {
            if (gpus > 0) {
                LOG.warn(
                        "master {} does not support stage-level scheduling: the {} stage runs plain tasks",
                        master,
                        stage);
            }
            return null;
        }
        return build(
                gpus,
                cpus,
                sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false),
                executorGpus,
                discoveryScript);
    }

    /** The profile of a cluster master. */
    static ResourceProfile build(int gpus, int cpus, boolean dynamic, int executorGpus, String discoveryScript) {
        TaskResourceRequests task = new TaskResourceRequests().cpus(cpus);
        if (gpus > 0) {
            task.resource("gpu", gpus);
        }
        ResourceProfileBuilder b = new ResourceProfileBuilder().require(task);
        if (dynamic && gpus > 0) {
            b.require(new ExecutorResourceRequests()
                    .cores(Math.max(cpus, 1))
                    .resource("gpu", Math.max(executorGpus, gpus), discoveryScript, ""));
        }
        return b.build();
    }

    /** The first GPU address Spark assigned to the running task, or null when it has none (CPU tasks). */
    public static Integer assignedGpu(TaskContext tc) {
        return tc == null ? null : assignedGpu(tc.resourcesJMap());
    }

    /** The first GPU address in a task's resources, or null. */
    static Integer assignedGpu(java.util.Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return null;
        }
        String address = gpu.addresses()[0].trim();
        try {
            return Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GPU address '" + address + "' is not a device index: the discovery"
                    + " script must report CUDA ordinals (0, 1, ...)");
        }
    }
}

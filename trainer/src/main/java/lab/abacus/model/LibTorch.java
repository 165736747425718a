package lab.abacus.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine as every run and every grid task sets it up on its thread: thread counts, grad mode, devices.
 *
 * <p>Threads (platform-notes rule 6): libtorch reads {@code ai.djl.pytorch.num_threads} and
 * {@code num_interop_threads} when the engine loads, so they are set as properties first (unless the JVM was
 * started with them); the intra-op count is then set again for this process, since the engine may already have
 * been loaded by an earlier run or task in the same JVM with another count.
 */
public final class LibTorch {

    private LibTorch() {}

    /** Load the engine with {@code intra} intra-op and {@code inter} inter-op threads (both at least 1). */
    public static void threads(int intra, int inter) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intra));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(inter));
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(intra);
        // Grad mode is per thread in PyTorch and on in every new thread; the engine turns it off only on the thread
        // that loads it. Off here: gradients are recorded only inside a GradientCollector, and a parameter updated
        // in place outside one is not an autograd error (a run training on a thread the engine was not loaded on).
        JniUtils.setGradMode(false);
    }

    /** e.g. {@code PyTorch 2.7.1 (DJL 0.35.1), 0 GPU(s)}: what loaded, for image builds and logs. */
    public static String describe() {
        Engine engine = Engine.getEngine("PyTorch");
        return "PyTorch " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + "), " + engine.getGpuCount()
                + " GPU(s)";
    }

    /** GPUs the engine sees (0 with a CPU libtorch). */
    public static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    /** GPU {@code index}, or an {@link IllegalArgumentException} saying how many the engine sees. */
    public static Device gpu(int index) {
        int gpus = gpuCount();
        if (index < 0 || index >= gpus) {
            throw new IllegalArgumentException("GPU " + index + " requested, but the PyTorch engine sees " + gpus
                    + " GPU(s) (a CUDA libtorch is needed; see docs/training.md)");
        }
        return Device.gpu(index);
    }
}

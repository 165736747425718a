package lab.abacus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CheckpointLoader;
import lab.abacus.model.EvalVariant;
import lab.abacus.storage.StorageRef;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfile;
import org.junit.jupiter.api.Test;

/**
 * The GPU of a stage on a CPU machine: the profile a cluster stage asks for, the device a task maps its assigned
 * address to, and a grid loader that was given a GPU the engine does not have.
 */
class StageResourcesTest {

    @Test
    void aGpuStageAsksForItsGpusAndCoresPerTaskAndExecutorGpusOnlyWithDynamicAllocation() {
        ResourceProfile p = StageResources.build(1, 2, false, 0, "");
        assertThat(p.taskResources().get("gpu").get().amount()).isEqualTo(1.0);
        assertThat(p.taskResources().get("cpus").get().amount()).isEqualTo(2.0);
        assertThat(p.executorResources().contains("gpu")).isFalse();
        ResourceProfile dynamic = StageResources.build(1, 1, true, 4, "/opt/gpus.sh");
        assertThat(dynamic.executorResources().get("gpu").get().amount()).isEqualTo(4L);
        assertThat(dynamic.executorResources().get("gpu").get().discoveryScript())
                .isEqualTo("/opt/gpus.sh");
        ResourceProfile cpu = StageResources.build(0, 1, true, 0, "");
        assertThat(cpu.taskResources().contains("gpu")).isFalse();
    }

    @Test
    void aTaskMapsTheFirstAssignedAddressToItsDeviceAndATaskWithoutGpusToTheCpu() {
        assertThat(StageResources.assignedGpu(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "1"}))))
                .isEqualTo(3);
        assertThat(StageResources.assignedGpu(Map.of())).isNull();
        assertThat(StageResources.assignedGpu(Map.of("gpu", new ResourceInformation("gpu", new String[0]))))
                .isNull();
        assertThatThrownBy(() -> StageResources.assignedGpu(
                        Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-1f2e"}))))
                .hasMessageContaining("'GPU-1f2e' is not a device index");
    }

    @Test
    void aGridLoaderOnAGpuDecodesThereOrSaysTheEngineHasNone() {
        CheckpointLoader cpu = new CheckpointLoader(
                StorageRef.of("/tmp/x"), "run", new EvalVariant(1, false), GreedyDecoder.Method.KV_CACHE, 1);
        assertThat(cpu.gpu()).isNull();
        assertThat(cpu.device().isGpu()).isFalse();
        CheckpointLoader gpu = cpu.onGpu(1);
        assertThat(gpu.gpu()).isEqualTo(1);
        assertThat(gpu.runId()).isEqualTo("run");
        // This machine's libtorch is the CPU build: the task says so instead of decoding on the CPU silently.
        assertThatThrownBy(gpu::device).hasMessageContaining("GPU 1 requested, but the PyTorch engine sees 0 GPU(s)");
    }
}

package lab.abacus.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.data.DataPosition;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    java.nio.file.Path tmp;

    private static TrainState state(long step) {
        return new TrainState(step, new DataPosition(1, step * 8), step * 0.5, step * 100, 1.0 / step, 7);
    }

    @Test
    void latestNamesTheNewestCompleteCheckpointAndOldOnesArePruned() {
        Storage s = StorageRef.of(tmp.toString()).open();
        Checkpoints c = new Checkpoints(s, s.run("r"));
        assertThat(c.latest()).isEmpty();
        for (long step = 1; step <= 4; step++) {
            long st = step;
            c.save(
                    state(step),
                    out -> out.write(("model" + st).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    out -> out.write(("opt" + st).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    2);
        }
        assertThat(c.latest()).contains(new Path(c.dir(), "step-4"));
        assertThat(c.steps()).containsExactly(3L, 4L);
        List<String> read = new ArrayList<>();
        TrainState st = c.load(
                c.latest().get(),
                in -> read.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                in -> read.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(read).containsExactly("model4", "opt4");
        assertThat(st).isEqualTo(state(4));
    }

    @Test
    void aCheckpointThatFailsHalfwayIsNeverPickedAsLatest() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        Checkpoints c = new Checkpoints(s, s.run("r"));
        c.save(state(5), out -> out.write(1), out -> out.write(2), 3);
        // The writer dies while writing the optimizer state of step 10 (e.g. disk full, SIGKILL).
        assertThatThrownBy(() -> c.save(
                        state(10),
                        out -> out.write(1),
                        out -> {
                            out.write(2);
                            throw new IOException("disk full");
                        },
                        3))
                .hasMessageContaining("disk full");
        assertThat(c.latest()).contains(new Path(c.dir(), "step-5"));
        assertThat(c.steps()).containsExactly(5L);
        // A crash that left a staging directory behind (killed mid-write) is also invisible, and cleaned at start.
        s.fs().mkdirs(new Path(c.dir(), ".step-15.tmp-dead"));
        s.writeString(new Path(new Path(c.dir(), ".step-15.tmp-dead"), Checkpoints.MODEL), "partial");
        assertThat(c.latest()).contains(new Path(c.dir(), "step-5"));
        c.cleanStaging();
        assertThat(s.exists(new Path(c.dir(), ".step-15.tmp-dead"))).isFalse();
        // A pointer naming something incomplete is an error, not a silent fresh start.
        s.writeString(new Path(c.dir(), Checkpoints.LATEST), "step-99\n");
        assertThatThrownBy(c::latest).hasMessageContaining("step-99").hasMessageContaining("not a complete checkpoint");
    }
}

package lab.abacus.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.data.DataPosition;
import lab.abacus.faults.Damage;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    java.nio.file.Path tmp;

    private static TrainState state(long step) {
        return new TrainState(
                step, new DataPosition(1, step * 8), step * 0.5, step * 0.1, step * 0.01, step * 100, 1.0 / step, 7);
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

    private static Checkpoints saved(Storage s, long... steps) {
        Checkpoints c = new Checkpoints(s, s.run("r"));
        for (long step : steps) {
            c.save(
                    state(step),
                    out -> out.write(("model" + step).getBytes(StandardCharsets.UTF_8)),
                    out -> out.write(("opt" + step).getBytes(StandardCharsets.UTF_8)),
                    3);
        }
        return c;
    }

    /** Overwrite a checkpoint file in place, as a copy tool would: no file system checksum beside it. */
    private static void overwrite(Checkpoints c, String step, String file, String content) {
        Damage.overwrite(new Path(new Path(c.dir(), step), file), content);
    }

    private static List<String> read(Checkpoints c, List<String> warnings) {
        List<String> read = new ArrayList<>();
        assertThat(c.loadNewest(
                        in -> {
                            read.clear(); // each attempt starts over, as a model's load replaces every parameter
                            read.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        },
                        in -> read.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                        warnings::add))
                .isPresent();
        return read;
    }

    @Test
    void aFileAlteredInPlaceIsRefusedAndTheNewestCompleteOlderCheckpointIsLoadedWithAWarning() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        Checkpoints c = saved(s, 1, 2, 3);
        overwrite(c, "step-3", Checkpoints.OPTIMIZER, "opt9");
        assertThatThrownBy(() -> c.load(new Path(c.dir(), "step-3"), in -> {}, in -> {}))
                .isInstanceOf(CorruptCheckpoint.class)
                .hasMessageContaining(Checkpoints.OPTIMIZER)
                .hasMessageContaining("SHA-256");
        List<String> warnings = new ArrayList<>();
        assertThat(read(c, warnings)).containsExactly("model2", "opt2");
        assertThat(warnings).singleElement().asString().contains("step-3", "resuming from step-2");
        // The model alone (as the grid reads it) still loads from the newest checkpoint: its model file is intact.
        List<String> model = new ArrayList<>();
        assertThat(c.loadNewest(in -> model.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)), null, w -> {}))
                .isPresent();
        assertThat(model).containsExactly("model3");
    }

    @Test
    void aTornPointerFallsBackToTheCompleteCheckpointsAndNoneUsableIsAnErrorNotAFreshStart() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        Checkpoints c = saved(s, 1, 2);
        s.writeString(new Path(c.dir(), Checkpoints.LATEST), "ste");
        assertThat(read(c, new ArrayList<>())).containsExactly("model2", "opt2");
        overwrite(c, "step-2", Checkpoints.MODEL, "x");
        overwrite(c, "step-1", Checkpoints.STATE, "{ not json");
        assertThatThrownBy(() -> read(c, new ArrayList<>()))
                .isInstanceOf(CorruptCheckpoint.class)
                .hasMessageContaining("no usable checkpoint")
                .hasMessageContaining("step-1")
                .hasMessageContaining("step-2");
        assertThat(new Checkpoints(s, s.run("none")).loadNewest(in -> {}, in -> {}, w -> {}))
                .isEmpty();
    }

    @Test
    void aCheckpointWrittenBeforeChecksumsWereRecordedStillLoads() throws IOException {
        Storage s = StorageRef.of(tmp.toString()).open();
        Checkpoints c = saved(s, 4);
        java.nio.file.Path state =
                java.nio.file.Path.of(new Path(new Path(c.dir(), "step-4"), Checkpoints.STATE).toUri());
        String json = Files.readString(state);
        assertThat(json).contains("sha256");
        String format1 = TrainState.fromJson(json)
                .toJson()
                .replace("\"format\":2", "\"format\":1")
                .replace(",\"sha256\":{}", "");
        assertThat(format1).contains("\"format\":1").doesNotContain("sha256");
        overwrite(c, "step-4", Checkpoints.STATE, format1);
        assertThat(read(c, new ArrayList<>())).containsExactly("model4", "opt4");
    }
}

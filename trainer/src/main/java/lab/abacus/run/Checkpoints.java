package lab.abacus.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A run's checkpoints: {@code <run>/checkpoints/step-<n>/{model.params, optimizer.bin, state.json}} and the pointer
 * file {@code <run>/checkpoints/latest} naming the newest complete one.
 *
 * <p>Atomicity: a checkpoint is written into a hidden staging directory ({@code .step-<n>.tmp-<uuid>}),
 * {@code state.json} last, then renamed to {@code step-<n>}; only then is {@code latest} rewritten (itself
 * atomically). A crash at any point leaves {@code latest} naming the previous complete checkpoint, so a half-written
 * one is never resumed from; on object stores, where a directory rename is a copy, the pointer written last is
 * what makes a checkpoint count. Older checkpoints beyond {@code keep} are deleted after the pointer moves.
 */
public final class Checkpoints {

    public static final String MODEL = "model.params";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String STATE = "state.json";
    public static final String LATEST = "latest";

    /** Reads one checkpoint file. */
    public interface Reader {
        void read(InputStream in) throws IOException;
    }

    private final Storage storage;
    private final Path dir;

    public Checkpoints(Storage storage, Path runDir) {
        this.storage = storage;
        this.dir = new Path(runDir, "checkpoints");
    }

    public Path dir() {
        return dir;
    }

    public static String name(long step) {
        return "step-" + step;
    }

    /** The checkpoint {@code latest} names, if any; fails when the pointer names an incomplete checkpoint. */
    public Optional<Path> latest() {
        Path pointer = new Path(dir, LATEST);
        if (!storage.exists(pointer)) {
            return Optional.empty();
        }
        String name = storage.readString(pointer).trim();
        Path ckpt = new Path(dir, name);
        if (!name.matches("step-[0-9]+") || !storage.exists(new Path(ckpt, STATE))) {
            throw new IllegalStateException(pointer + " names '" + name + "', which is not a complete checkpoint");
        }
        return Optional.of(ckpt);
    }

    /** Read a checkpoint's state and hand its model and optimizer files to the readers. */
    public TrainState load(Path ckpt, Reader model, Reader optimizer) {
        TrainState state = TrainState.fromJson(storage.readString(new Path(ckpt, STATE)));
        read(new Path(ckpt, MODEL), model);
        read(new Path(ckpt, OPTIMIZER), optimizer);
        return state;
    }

    /** Write checkpoint {@code step-<state.step>} and point {@code latest} at it; keep the newest {@code keep}. */
    public Path save(TrainState state, Storage.Writer model, Storage.Writer optimizer, int keep) {
        Path target = new Path(dir, name(state.step()));
        Path staging = Storage.stagingSibling(target);
        try {
            storage.fs().mkdirs(staging);
            write(new Path(staging, MODEL), model);
            write(new Path(staging, OPTIMIZER), optimizer);
            write(
                    new Path(staging, STATE),
                    out -> out.write(state.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (storage.fs().exists(target)) {
                // Left by an earlier attempt that stopped before moving the pointer; under exact resume it is equal.
                storage.fs().delete(target, true);
            }
            if (!storage.fs().rename(staging, target)) {
                throw new IOException("rename " + staging + " -> " + target + " failed");
            }
        } catch (IOException e) {
            storage.deleteQuietly(staging);
            throw new UncheckedIOException("writing checkpoint " + target + ": " + e.getMessage(), e);
        }
        storage.writeString(new Path(dir, LATEST), target.getName() + "\n");
        prune(keep, target.getName());
        return target;
    }

    /** Delete staging leftovers of crashed attempts (call at start, when no writer of this run is active). */
    public void cleanStaging() {
        for (FileStatus st : list()) {
            if (st.getPath().getName().startsWith(".step-")) {
                storage.deleteQuietly(st.getPath());
            }
        }
    }

    /** Steps of the complete-looking checkpoint directories, ascending. */
    public List<Long> steps() {
        List<Long> steps = new ArrayList<>();
        for (FileStatus st : list()) {
            String n = st.getPath().getName();
            if (st.isDirectory() && n.matches("step-[0-9]+")) {
                steps.add(Long.parseLong(n.substring(5)));
            }
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    private void prune(int keep, String latestName) {
        List<Long> steps = steps();
        for (int i = 0; i < steps.size() - keep; i++) {
            String n = name(steps.get(i));
            if (!n.equals(latestName)) {
                storage.deleteQuietly(new Path(dir, n));
            }
        }
    }

    private List<FileStatus> list() {
        try {
            return List.of(storage.fs().listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(Path p, Storage.Writer body) throws IOException {
        try (FSDataOutputStream raw = storage.fs().create(p, false);
                OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
            body.write(out);
        }
    }

    private void read(Path p, Reader body) {
        try (FSDataInputStream raw = storage.fs().open(p);
                InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            body.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint file " + p + ": " + e.getMessage(), e);
        }
    }
}

package lab.abacus.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import lab.abacus.hash.Hashing;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
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
            throw new CorruptCheckpoint(pointer + " names '" + name + "', which is not a complete checkpoint");
        }
        return Optional.of(ckpt);
    }

    /** A checkpoint that loaded: where it is and its state. */
    public record Loaded(Path checkpoint, TrainState state) {}

    /**
     * Load the newest usable checkpoint: the one {@code latest} names, else (it is missing, corrupt, or fails to
     * load) the newest older complete one, each one skipped named in {@code warn}. Empty when there is none at all;
     * {@link CorruptCheckpoint} when there are some and none loads.
     *
     * @param optimizer null to read the model only
     */
    public Optional<Loaded> loadNewest(Reader model, Reader optimizer, Consumer<String> warn) {
        List<Path> candidates = candidates();
        List<String> skipped = new ArrayList<>();
        for (Path ckpt : candidates) {
            try {
                Loaded loaded = new Loaded(ckpt, load(ckpt, model, optimizer));
                if (!skipped.isEmpty()) {
                    warn.accept("resuming from " + ckpt.getName() + " instead: " + String.join("; ", skipped));
                }
                return Optional.of(loaded);
            } catch (CorruptCheckpoint
                    | UncheckedIOException
                    | IllegalArgumentException
                    | IllegalStateException
                    | com.typesafe.config.ConfigException e) {
                skipped.add(ckpt.getName() + " is unusable (" + e.getMessage() + ")");
            }
        }
        if (!candidates.isEmpty()) {
            throw new CorruptCheckpoint("no usable checkpoint under " + dir + ": " + String.join("; ", skipped));
        }
        return Optional.empty();
    }

    /** The checkpoint {@code latest} names (if it is one), then every complete one, newest first. */
    private List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        try {
            latest().ifPresent(out::add);
        } catch (CorruptCheckpoint | UncheckedIOException e) {
            // a torn pointer: the complete checkpoints below are still there
        }
        List<Long> steps = steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Path ckpt = new Path(dir, name(steps.get(i)));
            if (!out.contains(ckpt) && storage.exists(new Path(ckpt, STATE))) {
                out.add(ckpt);
            }
        }
        return out;
    }

    /**
     * Read a checkpoint's state and hand its model and optimizer files to the readers, verifying each file against
     * the SHA-256 the state records: a checkpoint altered or torn in place (no file system checksum covers a copy
     * made by a tool) is refused with {@link CorruptCheckpoint}.
     *
     * @param optimizer null to skip the optimizer file
     */
    public TrainState load(Path ckpt, Reader model, Reader optimizer) {
        String json = storage.readString(new Path(ckpt, STATE));
        TrainState state = TrainState.fromJson(json);
        Map<String, String> sha256 = TrainState.sha256(json);
        read(new Path(ckpt, MODEL), model, sha256.get(MODEL));
        if (optimizer != null) {
            read(new Path(ckpt, OPTIMIZER), optimizer, sha256.get(OPTIMIZER));
        }
        return state;
    }

    /** Write checkpoint {@code step-<state.step>} and point {@code latest} at it; keep the newest {@code keep}. */
    public Path save(TrainState state, Storage.Writer model, Storage.Writer optimizer, int keep) {
        Path target = new Path(dir, name(state.step()));
        Path staging = Storage.stagingSibling(target);
        try {
            storage.fs().mkdirs(staging);
            Map<String, String> sha256 = new LinkedHashMap<>();
            sha256.put(MODEL, write(new Path(staging, MODEL), model));
            sha256.put(OPTIMIZER, write(new Path(staging, OPTIMIZER), optimizer));
            write(
                    new Path(staging, STATE),
                    out -> out.write(state.toJson(sha256).getBytes(StandardCharsets.UTF_8)));
            if (storage.fs().exists(target)) {
                // Left by an earlier attempt that stopped before moving the pointer; under exact resume it is equal.
                storage.fs().delete(target, true);
            }
            if (!storage.fs().rename(staging, target)) {
                throw new IOException("rename " + staging + " -> " + target + " failed");
            }
        } catch (IOException | FSError e) {
            storage.deleteQuietly(staging);
            throw Storage.failure("writing checkpoint " + target, e);
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

    /** Write one file; returns the SHA-256 (hex) of what was written. */
    private String write(Path p, Storage.Writer body) throws IOException {
        MessageDigest sha = Hashing.sha256();
        try (FSDataOutputStream raw = storage.fs().create(p, false);
                OutputStream out = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha)) {
            body.write(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Read one file to its end and check it against {@code expectedSha256} (null: not recorded). */
    private void read(Path p, Reader body, String expectedSha256) {
        MessageDigest sha = Hashing.sha256();
        try (FSDataInputStream raw = storage.fs().open(p);
                InputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha)) {
            body.read(in);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint file " + p + ": " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (expectedSha256 != null && !expectedSha256.equals(actual)) {
            throw new CorruptCheckpoint(p + " has SHA-256 " + actual.substring(0, 12) + "..., its state.json records "
                    + expectedSha256.substring(0, Math.min(12, expectedSha256.length())) + "...: altered or torn");
        }
    }
}

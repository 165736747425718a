package lab.abacus.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.UUID;
import lab.abacus.config.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;

/**
 * The storage root and its layout, over a Hadoop {@link FileSystem}.
 *
 * <p>Atomicity: a file is written under a hidden {@code .tmp-*} sibling and renamed into place; readers (and Spark)
 * ignore names starting with {@code _} or {@code .}. A directory is staged as a hidden sibling and renamed; on object
 * stores, where rename is a copy, completeness is decided by a marker written last (see each writer).
 */
public final class Storage {

    private final StorageRef ref;
    private final Path root;
    private final FileSystem fs;
    private final Configuration hadoop;

    private Storage(StorageRef ref, Path root, FileSystem fs, Configuration hadoop) {
        this.ref = ref;
        this.root = root;
        this.fs = fs;
        this.hadoop = hadoop;
    }

    /** Open {@code ref}'s root (a plain path is taken relative to the working directory). */
    static Storage open(StorageRef ref) {
        String root = ref.root();
        Configuration hadoop = ref.hadoopConfiguration();
        try {
            URI uri = URI.create(root.replace(" ", "%20"));
            Path path = uri.getScheme() == null
                    ? new Path(java.nio.file.Path.of(root)
                            .toAbsolutePath()
                            .normalize()
                            .toUri())
                    : new Path(uri);
            FileSystem fs = path.getFileSystem(hadoop);
            Path qualified = fs.makeQualified(path);
            return new Storage(new StorageRef(qualified.toString(), ref.hadoop()), qualified, fs, hadoop);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(
                    new IOException("cannot open storage root '" + root + "': " + e.getMessage(), e));
        }
    }

    /**
     * This root, after checking that this process can write under it: it is a directory (or can be made one) and a
     * file can be created in it. A command checks once before any work, so that a wrong root is the user's input
     * error, named as such, not an I/O failure halfway through.
     *
     * @throws ConfigError when the root is a file, or writing is denied
     */
    public Storage requireWritable() {
        String where = StorageRef.ROOT_KEY + " = " + root;
        try {
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new ConfigError(where + ": not a directory");
            }
            Path probe = new Path(root, ".abacus-write-probe-" + UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
            return this;
        } catch (AccessDeniedException | org.apache.hadoop.security.AccessControlException e) {
            throw new ConfigError(where + ": permission denied (" + e.getMessage() + ")");
        } catch (ParentNotDirectoryException | FileAlreadyExistsException e) {
            throw new ConfigError(where + ": not a directory (" + e.getMessage() + ")");
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Permission denied")) {
                throw new ConfigError(where + ": permission denied (" + e.getMessage() + ")");
            }
            throw failure("checking that " + root + " is writable", e);
        }
    }

    /** How another process opens this root: the qualified root URI and the Hadoop settings. */
    public StorageRef ref() {
        return ref;
    }

    public Path root() {
        return root;
    }

    public FileSystem fs() {
        return fs;
    }

    public Configuration hadoop() {
        return hadoop;
    }

    public Path datasets() {
        return new Path(root, "datasets");
    }

    public Path dataset(String datasetId) {
        return new Path(datasets(), datasetId);
    }

    public Path runs() {
        return new Path(root, "runs");
    }

    public Path run(String runId) {
        return new Path(runs(), runId);
    }

    public Path tables() {
        return new Path(root, "tables");
    }

    public Path table(String name) {
        return new Path(tables(), name);
    }

    public Path sweeps() {
        return new Path(root, "sweeps");
    }

    public Path sweep(String name) {
        return new Path(sweeps(), name);
    }

    public boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hidden sibling path for staging {@code target} (ignored by readers, unique per call). */
    public static Path stagingSibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /** Whether {@code p} is a staging path made by {@link #stagingSibling} (a write in progress, or a dead one's). */
    public static boolean isStaging(Path p) {
        return p.getName().startsWith(".") && p.getName().contains(".tmp-");
    }

    /** Functional write body that may throw. */
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Write {@code target} atomically: the whole file appears, or nothing (overwrites an existing file). */
    public void writeAtomically(Path target, Writer body) {
        Path tmp = stagingSibling(target);
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                body.write(out);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
        } catch (IOException | FSError e) {
            deleteQuietly(tmp);
            throw failure("writing " + target, e);
        }
    }

    /**
     * An I/O failure while {@code doing} something to a path, as one unchecked exception whose message names it.
     * Takes Hadoop's {@link FSError} too: the local file system reports a full disk with that {@code Error}, which
     * names no path and would otherwise escape every {@code catch (Exception)}.
     */
    public static UncheckedIOException failure(String doing, Throwable e) {
        IOException io = e instanceof IOException x ? x : new IOException(e.getCause() == null ? e : e.getCause());
        return new UncheckedIOException(doing + ": " + io.getMessage(), io);
    }

    public void writeString(Path target, String text) {
        writeAtomically(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String readString(Path p) {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p + ": " + e.getMessage(), e);
        }
    }

    public void deleteQuietly(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException ignored) {
            // best effort cleanup of a staging path
        }
    }
}

package lab.abacus.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The storage root and its layout, over a Hadoop {@link FileSystem}.
 *
 * <p>Atomicity: a file is written under a hidden {@code .tmp-*} sibling and renamed into place; readers (and Spark)
 * ignore names starting with {@code _} or {@code .}. A directory is staged as a hidden sibling and renamed; on object
 * stores, where rename is a copy, completeness is decided by a marker written last (see each writer).
 */
public final class Storage {

    private final Path root;
    private final FileSystem fs;
    private final Configuration hadoop;

    private Storage(Path root, FileSystem fs, Configuration hadoop) {
        this.root = root;
        this.fs = fs;
        this.hadoop = hadoop;
    }

    public static Storage open(StorageSettings settings) {
        return open(settings.root(), hadoopConfiguration(settings.hadoop()));
    }

    /** Open {@code root} (a plain path is taken relative to the working directory) with the given Hadoop settings. */
    public static Storage open(String root, Configuration hadoop) {
        try {
            URI uri = URI.create(root.replace(" ", "%20"));
            Path path;
            if (uri.getScheme() == null) {
                path = new Path(java.nio.file.Path.of(root).toAbsolutePath().normalize().toUri());
            } else {
                path = new Path(uri);
            }
            FileSystem fs = path.getFileSystem(hadoop);
            return new Storage(fs.makeQualified(path), fs, hadoop);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("cannot open storage root '" + root + "': " + e.getMessage(), e));
        }
    }

    /** A Hadoop configuration with {@code settings} applied (s3a endpoint, credentials, ...). */
    public static Configuration hadoopConfiguration(Map<String, String> settings) {
        Configuration conf = new Configuration();
        settings.forEach(conf::set);
        return conf;
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

    public Path sweep(String name) {
        return new Path(new Path(root, "sweeps"), name);
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
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("writing " + target + ": " + e.getMessage(), e);
        }
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

package lab.abacus.faults;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.DiskFull;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system with faults injected where a test says: the Nth file created under a path fails to open,
 * fails while being written (a full disk, exactly as Hadoop's local file system reports it: an {@code FSError}), or
 * is refused (permission denied); renames can fail too. Installed for one storage root through its Hadoop settings
 * ({@link #HADOOP}): {@code fs.file.impl} names this class and caching is off, so the rest of the JVM (Spark's own
 * files) keeps the real local file system.
 *
 * <p>Faults are process-wide (Spark's local executors open their own instances), so a test {@link #clear}s them.
 */
public final class FaultyFileSystem extends LocalFileSystem {

    /** The Hadoop settings of a storage root on this file system. */
    public static final Map<String, String> HADOOP =
            Map.of("fs.file.impl", FaultyFileSystem.class.getName(), "fs.file.impl.disable.cache", "true");

    /** What goes wrong. */
    public enum Kind {
        /** {@code create} throws an IOException (a lost mount, a timeout). */
        IO_ERROR,
        /** The first write fails with the local file system's {@code FSError: No space left on device}. */
        DISK_FULL,
        /** {@code create} is refused: permission denied (as after {@code chmod 555}). */
        PERMISSION,
        /** {@code rename} returns false (the target's directory vanished, an object store's copy failed). */
        RENAME
    }

    /**
     * One fault: the {@code nth} (1-based) operation of its kind on a path containing {@code pathPart}, and every
     * later one while {@code times} lasts (-1: until cleared).
     */
    public static final class Fault {
        final String pathPart;
        final Kind kind;
        final int nth;
        final int times;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger fired = new AtomicInteger();

        Fault(String pathPart, Kind kind, int nth, int times) {
            this.pathPart = pathPart;
            this.kind = kind;
            this.nth = nth;
            this.times = times;
        }

        boolean fires(Path p) {
            if (!p.toString().contains(pathPart) || seen.incrementAndGet() < nth) {
                return false;
            }
            if (times >= 0 && fired.get() >= times) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }

        /** How many times it has fired. */
        public int fired() {
            return fired.get();
        }
    }

    private static final List<Fault> FAULTS = new CopyOnWriteArrayList<>();

    /** Inject a fault; returns it (to read how often it fired). */
    public static Fault inject(String pathPart, Kind kind, int nth, int times) {
        Fault f = new Fault(pathPart, kind, nth, times);
        FAULTS.add(f);
        return f;
    }

    /** Remove every fault (the repair). */
    public static void clear() {
        FAULTS.clear();
    }

    private static Fault firing(Path p, Kind... kinds) {
        for (Fault f : FAULTS) {
            for (Kind k : kinds) {
                if (f.kind == k && f.fires(p)) {
                    return f;
                }
            }
        }
        return null;
    }

    @Override
    public FSDataOutputStream create(
            Path f,
            FsPermission permission,
            boolean overwrite,
            int bufferSize,
            short replication,
            long blockSize,
            Progressable progress)
            throws IOException {
        Fault fault = firing(f, Kind.IO_ERROR, Kind.PERMISSION, Kind.DISK_FULL);
        if (fault != null && fault.kind == Kind.IO_ERROR) {
            throw new IOException("injected I/O error creating " + f);
        }
        if (fault != null && fault.kind == Kind.PERMISSION) {
            throw new AccessDeniedException(f.toString(), null, "Permission denied");
        }
        FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        return fault == null ? out : new FSDataOutputStream(new DiskFullStream(out, f), null);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return firing(dst, Kind.RENAME) == null && super.rename(src, dst);
    }

    /** A stream whose first write finds the disk full. */
    private static final class DiskFullStream extends FilterOutputStream {
        private final Path path;

        DiskFullStream(OutputStream out, Path path) {
            super(out);
            this.path = path;
        }

        @Override
        public void write(int b) {
            throw DiskFull.error(path.toString());
        }

        @Override
        public void write(byte[] b, int off, int len) {
            throw DiskFull.error(path.toString());
        }
    }
}

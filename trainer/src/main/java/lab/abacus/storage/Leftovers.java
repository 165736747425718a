package lab.abacus.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Staging paths ({@link Storage#stagingSibling}) that no live writer will finish: left by a process killed between
 * writing and renaming. Writers of tables, reports, run files and leases stage for seconds, so a staging path older
 * than {@code olderThan} (the lease expiry: a writer silent that long is dead) is a leftover. Checkpoint and dataset
 * staging is cleaned by the next holder of the run's or dataset's lease and is not listed here.
 */
public final class Leftovers {

    private Leftovers() {}

    /** Leftover staging files in {@code tables/<name>}, {@code runs/<id>}, {@code sweeps/<name>} and its report. */
    public static List<Path> find(Storage storage, Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        List<Path> dirs = new ArrayList<>();
        dirs.addAll(children(storage, storage.tables()));
        dirs.addAll(children(storage, storage.runs()));
        for (Path sweep : children(storage, storage.sweeps())) {
            dirs.add(sweep);
            dirs.add(new Path(sweep, "report"));
        }
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            for (FileStatus st : list(storage, dir)) {
                if (st.isFile()
                        && Storage.isStaging(st.getPath())
                        && Instant.ofEpochMilli(st.getModificationTime()).isBefore(cutoff)) {
                    out.add(st.getPath());
                }
            }
        }
        return out;
    }

    private static List<Path> children(Storage storage, Path dir) {
        List<Path> out = new ArrayList<>();
        for (FileStatus st : list(storage, dir)) {
            if (st.isDirectory() && !st.getPath().getName().startsWith(".")) {
                out.add(st.getPath());
            }
        }
        return out;
    }

    private static List<FileStatus> list(Storage storage, Path dir) {
        try {
            return List.of(storage.fs().listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw Storage.failure("listing " + dir, e);
        }
    }
}

package lab.abacus.tables;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Unreadable table files, moved aside. One torn file (a copy cut short, a disk error) must not block every reader of
 * the root: a reader that meets one moves it to {@code tables/<name>/_quarantine/} (hidden from readers and Spark),
 * names it in a warning and goes on without its rows. Work those rows recorded is redone where it can be (a grid's
 * cells are evaluated again; a finished run's row is restored from its {@code result.json}); metrics rows are not.
 *
 * <p>Only content errors quarantine a file; a storage failure (a timeout, permission denied) is thrown as such, so a
 * transient fault never hides good rows. Two readers may quarantine one file at once: the second finds it gone.
 */
public final class TableQuarantine {

    public static final String DIR = "_quarantine";

    private TableQuarantine() {}

    /**
     * Every row of every readable file of table {@code name}, file by file; a damaged file is quarantined (with a
     * warning) and none of its rows reach {@code sink}.
     */
    public static void forEachRow(
            Storage storage, String name, Consumer<Map<String, Object>> sink, Consumer<String> warn) {
        for (Path f : TableReader.visibleParquetFiles(storage.fs(), storage.table(name))) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try {
                TableReader.forEachRow(storage.hadoop(), f, rows::add);
            } catch (DamagedTableFile e) {
                quarantine(storage, f, e.problem(), warn);
                continue;
            }
            rows.forEach(sink);
        }
    }

    /** The files of table {@code name} whose footer reads (what Spark needs to plan a scan); others quarantined. */
    public static List<Path> readableFiles(Storage storage, String name, Consumer<String> warn) {
        List<Path> ok = new ArrayList<>();
        for (Path f : TableReader.visibleParquetFiles(storage.fs(), storage.table(name))) {
            String problem = footerProblem(storage, f);
            if (problem == null) {
                ok.add(f);
            } else {
                quarantine(storage, f, problem, warn);
            }
        }
        return ok;
    }

    /** Why a file's content is unreadable (footer or any row), or null when every row reads. */
    public static String problem(Storage storage, Path file) {
        String footer = footerProblem(storage, file);
        if (footer != null) {
            return footer;
        }
        try {
            TableReader.forEachRow(storage.hadoop(), file, row -> {});
            return null;
        } catch (DamagedTableFile e) {
            return e.problem();
        }
    }

    /** Move {@code file} into its table's quarantine directory; returns where it went (null: already gone). */
    public static Path quarantine(Storage storage, Path file, String problem, Consumer<String> warn) {
        Path dir = new Path(file.getParent(), DIR);
        Path target = new Path(dir, file.getName());
        try {
            storage.fs().mkdirs(dir);
            if (!storage.fs().rename(file, target)) {
                return storage.exists(file) ? fail(file, target) : null;
            }
        } catch (FileNotFoundException e) {
            return null; // another reader quarantined it first
        } catch (IOException e) {
            // A read-only root: skip the file all the same; a writer (or `abacus tables repair`) moves it later.
            warn.accept("table file " + file + " is unreadable (" + problem + ") and could not be moved aside ("
                    + e.getMessage() + "): skipped");
            return null;
        }
        warn.accept("table file " + file + " is unreadable (" + problem + "): moved to " + DIR + "/; the work its"
                + " rows recorded is redone where it can be (`abacus tables check` lists quarantined files)");
        return target;
    }

    /** The quarantined files of table {@code name}. */
    public static List<Path> quarantined(Storage storage, String name) {
        try {
            List<Path> out = new ArrayList<>();
            for (FileStatus st : storage.fs().listStatus(new Path(storage.table(name), DIR))) {
                out.add(st.getPath());
            }
            return out;
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw Storage.failure("listing the quarantine of table " + name, e);
        }
    }

    private static String footerProblem(Storage storage, Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, storage.hadoop()))) {
            r.getFooter();
            return null;
        } catch (EOFException | RuntimeException e) {
            return DamagedTableFile.problem(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the footer of " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path fail(Path file, Path target) {
        throw new UncheckedIOException(new IOException("rename " + file + " -> " + target + " failed"));
    }
}

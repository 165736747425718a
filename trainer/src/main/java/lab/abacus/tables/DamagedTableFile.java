package lab.abacus.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;

/** A table (or dataset) Parquet file whose content cannot be read: torn, truncated, or not Parquet at all. */
public final class DamagedTableFile extends UncheckedIOException {

    private final transient Path file;
    private final String problem;

    public DamagedTableFile(Path file, Exception cause) {
        super(
                "Parquet file " + file + " is unreadable: " + problem(file, cause),
                cause instanceof IOException io ? io : new IOException(cause));
        this.file = file;
        this.problem = problem(file, cause);
    }

    public Path file() {
        return file;
    }

    /** What is wrong with the file, in one line. */
    public String problem() {
        return problem;
    }

    /** The first line of a reader's complaint about a file's content, without the file's name. */
    static String problem(Path file, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = m.strip().lines().findFirst().orElse(m);
        String shorter = first.replace(file.toString(), "").strip();
        return shorter.startsWith("is ") ? shorter.substring(3) : shorter;
    }
}

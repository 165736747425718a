package lab.abacus.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.FSError;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The reason an attempt ended without succeeding, as the runs table's {@code reason} column carries it, and what it
 * means for a retry. Three kinds, told apart by the reason's first word:
 *
 * <ul>
 *   <li>{@code interrupted ...}: a stop request or SIGTERM; a checkpoint was saved and the run resumes;
 *   <li>{@code environment: ...}: storage or input failed (an I/O error, a full disk, a corrupt checkpoint or
 *       dataset file); nothing is wrong with the run, so it is retried after the repair without using up
 *       {@code abacus.sweep.max-retries};
 *   <li>anything else: the run itself failed (NaN loss, a rejected setting) and each such attempt counts.
 * </ul>
 */
public final class FailureReasons {

    public static final String INTERRUPTED = "interrupted";
    public static final String ENVIRONMENT = "environment: ";

    private FailureReasons() {}

    /** The reason for a failure {@code e}: its message, marked as the environment's where storage caused it. */
    public static String of(Throwable e) {
        String m = e.getMessage();
        String message = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return environmental(e) ? ENVIRONMENT + message : message;
    }

    /** Whether {@code e}, or any cause of it, is an I/O failure or corrupt stored data. */
    public static boolean environmental(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof UncheckedIOException
                    || t instanceof FSError
                    || t instanceof CorruptCheckpoint
                    || t instanceof ParquetDecodingException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isInterruption(String reason) {
        return reason != null && reason.startsWith(INTERRUPTED);
    }

    public static boolean isEnvironment(String reason) {
        return reason != null && reason.startsWith(ENVIRONMENT);
    }

    /** Whether a failed attempt with this reason uses up one of the run's retries. */
    public static boolean countsAgainstRetries(String reason) {
        return !isInterruption(reason) && !isEnvironment(reason);
    }
}

package lab.abacus.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lab.abacus.run.RunResult;

/**
 * How a trainer process ({@link TrainerMain}) reports one attempt back to whoever started it: the {@link RunResult}
 * in its JSON form as a small file on the local disk or as one line on stdout, whatever the outcome (unlike the run directory's
 * {@code result.json}, which exists only for a succeeded run). The exit code says the status too; this file adds
 * steps, time, accuracy and the failure reason.
 */
public final class ResultFile {

    /** Prefix of the result line a trainer prints instead of a file ({@code --result-file -}). */
    public static final String LINE = "abacus-trainer result-json: ";

    private ResultFile() {}

    /** The result as one stdout line. */
    public static String line(RunResult r) {
        return LINE + r.toJson().replace('\n', ' ');
    }

    /** The result a {@link #line} holds, or null when {@code text} is another line (or a torn one). */
    public static RunResult fromLine(String text) {
        if (!text.startsWith(LINE)) {
            return null;
        }
        try {
            return RunResult.fromJson(text.substring(LINE.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static void write(Path file, RunResult r) {
        try {
            // Written next to the target and moved: a reader never sees half a file.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, r.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    /** The result a trainer process wrote, or null when it wrote none (it crashed or was killed). */
    public static RunResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RunResult.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}

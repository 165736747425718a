package lab.abacus.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: write sweep files into a temp dir and load them. */
final class SweepFiles {

    private final Path dir;

    SweepFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Load {@code text} as a sweep file; an empty {@code abacus.sweep} block is added (a sweep file needs one). */
    SweepSpec load(String relative, String text, String... overrides) {
        return SweepSpec.load(write(relative, text + "\nabacus.sweep {}\n"), List.of(overrides));
    }
}

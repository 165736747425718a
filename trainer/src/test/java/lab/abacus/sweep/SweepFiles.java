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

    SweepSpec load(String relative, String text, String... overrides) {
        return SweepSpec.load(write(relative, text), List.of(overrides));
    }
}

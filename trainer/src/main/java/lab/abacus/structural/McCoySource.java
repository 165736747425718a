package lab.abacus.structural;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.config.ConfigError;
import lab.abacus.hash.Hashing;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.task.McCoyLine;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One of McCoy et al.'s files as ingested: where it was, its size and git blob SHA-1 next to the published one
 * (structural-grokking §1.4), and its lines parsed into rows. A mismatch is not an error (a user may ingest their
 * own files of the same format); the manifest records it and datagen warns.
 *
 * @param split the index in {@link StructuralTask#SPLITS} the file fills
 */
public record McCoySource(
        int split,
        String file,
        String path,
        long bytes,
        String gitBlob,
        String publishedGitBlob,
        List<StructuralRow> rows) {

    public boolean matchesPublished() {
        return gitBlob.equals(publishedGitBlob);
    }

    /** The file's check as the manifest records it. */
    public SourceCheck check() {
        return new SourceCheck(StructuralTask.SPLITS.get(split), file, path, bytes, gitBlob, publishedGitBlob);
    }

    /** Read the three files of {@code task} from directory {@code source} (a path or a Hadoop URI). */
    public static List<McCoySource> readAll(StructuralTask task, String source, Configuration hadoop) {
        List<McCoySource> out = new ArrayList<>();
        for (int split = 0; split < StructuralTask.SPLITS.size(); split++) {
            out.add(read(task, source, split, hadoop));
        }
        return out;
    }

    static McCoySource read(StructuralTask task, String source, int split, Configuration hadoop) {
        String name = task.sourceFile(split);
        SourceFile file = SourceFile.read(
                source,
                name,
                hadoop,
                "download question.{train,dev,gen} or tense.{train,dev,gen} from the data/ folder of"
                        + " github.com/tommccoy1/rnn-hierarchical-biases into that directory");
        return new McCoySource(
                split,
                name,
                file.path().toString(),
                file.bytes().length,
                Hashing.gitBlobSha1(file.bytes()),
                task.publishedGitBlob(split),
                rows(task, file.path(), file.bytes()));
    }

    /** A file of a McCoy source directory, read whole, at its qualified path. */
    record SourceFile(Path path, byte[] bytes) {

        /** Read {@code name} in directory {@code source}; a missing file is an error saying {@code whereToGetIt}. */
        static SourceFile read(String source, String name, Configuration hadoop, String whereToGetIt) {
            Path file = new Path(new Path(source), name);
            try {
                FileSystem fs = file.getFileSystem(hadoop);
                file = fs.makeQualified(file);
                try (InputStream in = fs.open(file)) {
                    return new SourceFile(file, in.readAllBytes());
                }
            } catch (FileNotFoundException e) {
                throw new ConfigError("abacus.data.mccoy.source = " + source + ": " + name + " is not there (" + file
                        + "); " + whereToGetIt);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
            }
        }

        String utf8() {
            return McCoySource.utf8(path, bytes);
        }

        /** Its check against the published file, recorded as {@code split} in the manifest. */
        SourceCheck check(String split, String name, String published) {
            return new SourceCheck(split, name, path.toString(), bytes.length, Hashing.gitBlobSha1(bytes), published);
        }
    }

    /** Every line parsed; the first bad one is an error naming file:line. The final newline ends the last line. */
    static List<StructuralRow> rows(StructuralTask task, Path file, byte[] bytes) {
        String text = utf8(file, bytes);
        String[] lines = text.split("\n", -1);
        int count = text.isEmpty() ? 0 : text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (count == 0) {
            throw new ConfigError(file + ": the file is empty");
        }
        List<StructuralRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            McCoyLine line;
            try {
                line = McCoyLine.parse(task, lines[i]);
            } catch (IllegalArgumentException e) {
                throw new ConfigError(file + ":" + (i + 1) + ": " + e.getMessage());
            }
            String words = line.text();
            rows.add(new StructuralRow(words, words.split(" ").length, null, line.marker(), i + 1L));
        }
        return rows;
    }

    static String utf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigError(file + ": not UTF-8 text (" + e.getMessage() + ")");
        }
    }
}

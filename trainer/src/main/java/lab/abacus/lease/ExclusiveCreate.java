package lab.abacus.lease;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.UUID;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Create a file with its whole content only if no file of that name exists, as one atomic step of the file system
 * the storage root is on: of two processes that try at once, exactly one succeeds. Each file system has its own
 * primitive for that:
 *
 * <ul>
 *   <li>{@code file://} (one host, or a shared POSIX mount): the content is written to a private temporary file
 *       and published with {@code link(2)}, which fails when the name exists ({@code rename(2)} would replace it);
 *   <li>{@code s3a://}: a PUT with {@code If-None-Match: *} (Hadoop's conditional create), which the store answers
 *       with 412 when the key exists. Atomic on stores with conditional writes (AWS S3 since 2024, MinIO, Ozone);
 *       a store that ignores the header lets the last writer win, which the lease's read-back detects except when
 *       both read back before the second write lands;
 *   <li>{@code hdfs://} and every other Hadoop file system: the content is written to a private temporary file and
 *       renamed onto the name, which the NameNode refuses atomically when the name exists.
 * </ul>
 */
final class ExclusiveCreate {

    /** Hadoop's create option that makes S3A send {@code If-None-Match: *} (Hadoop 3.5). */
    static final String S3A_CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

    private ExclusiveCreate() {}

    /** Create {@code target} holding {@code content}; false when a file of that name exists. */
    static boolean create(Storage storage, Path target, byte[] content) throws IOException {
        FileSystem fs = storage.fs();
        fs.mkdirs(target.getParent());
        return switch (scheme(fs)) {
            case "file" -> linkLocal(target, content);
            case "s3a" -> conditionalPut(fs, target, content);
            default -> renameOnto(fs, target, content);
        };
    }

    private static String scheme(FileSystem fs) {
        FileSystem raw = fs;
        while (raw instanceof FilterFileSystem filter) {
            raw = filter.getRawFileSystem();
        }
        return raw.getUri().getScheme();
    }

    private static boolean linkLocal(Path target, byte[] content) throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of(
                Path.getPathWithoutSchemeAndAuthority(target).toString());
        java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.write(tmp, content);
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean conditionalPut(FileSystem fs, Path target, byte[] content) throws IOException {
        if (fs.exists(target)) {
            return false;
        }
        FSDataOutputStreamBuilder<?, ?> create = fs.createFile(target).overwrite(false);
        create.must(S3A_CONDITIONAL_CREATE, true);
        try (FSDataOutputStream out = create.build()) {
            out.write(content);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // 412 Precondition Failed: the key appeared between the check and the PUT
            if (String.valueOf(e.getMessage()).contains("412")
                    || e.getClass().getSimpleName().contains("Changed")) {
                return false;
            }
            throw e;
        }
        return true;
    }

    private static boolean renameOnto(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp = Storage.stagingSibling(target);
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(content);
        }
        boolean created = fs.rename(tmp, target);
        if (!created) {
            fs.delete(tmp, false);
        }
        return created;
    }
}

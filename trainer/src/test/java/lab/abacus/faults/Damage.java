package lab.abacus.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Damage done to a file on the local disk as a copy tool, a disk error or a hand edit would do it: the file changes
 * and its Hadoop checksum sidecar ({@code .<name>.crc}) goes, as it does after {@code rsync}, {@code gsutil}, an S3
 * or HDFS client copy. Paths are Hadoop paths of a local root.
 */
public final class Damage {

    private Damage() {}

    /** Cut the file to {@code keep} (0..1) of its bytes; returns the whole content, to repair it with. */
    public static byte[] truncate(org.apache.hadoop.fs.Path file, double keep) {
        byte[] whole = read(file);
        write(file, Arrays.copyOf(whole, (int) (whole.length * keep)));
        return whole;
    }

    /** Flip one bit of the byte in the middle of the file. */
    public static void flipByte(org.apache.hadoop.fs.Path file) {
        byte[] b = read(file);
        b[b.length / 2] ^= 0x40;
        write(file, b);
    }

    public static void overwrite(org.apache.hadoop.fs.Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Write {@code content} over the file (a repair, or more damage), without a checksum sidecar. */
    public static void write(org.apache.hadoop.fs.Path file, byte[] content) {
        Path p = Path.of(file.toUri());
        try {
            Files.write(p, content);
            Files.deleteIfExists(p.resolveSibling("." + p.getFileName() + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(org.apache.hadoop.fs.Path file) {
        try {
            return Files.readAllBytes(Path.of(file.toUri()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package lab.abacus.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * A query's result as one file for other tools ({@code abacus sql --format csv|json|parquet [--out PATH]}): CSV
 * with a header, JSON lines, or Parquet, written by Spark as a single part into a staging folder beside the target
 * and renamed into place, so a reader never sees half a file. Without {@code --out}, CSV and JSON go to stdout.
 */
public final class SqlExport {

    /** The file formats; {@code TEXT} is the aligned table of {@link SqlQuery}. */
    public enum Format {
        TEXT,
        CSV,
        JSON,
        PARQUET
    }

    private SqlExport() {}

    /** Write {@code df} as {@code format} to {@code out} (a path or URI), replacing what is there. */
    public static void write(Dataset<Row> df, Format format, String out, Configuration hadoop) {
        Path target = new Path(out);
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRaw(); // no .crc file beside the result
            }
            Path staging = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            try {
                df.coalesce(1)
                        .write()
                        .mode(SaveMode.Overwrite)
                        .option("header", "true")
                        .format(format.name().toLowerCase(Locale.ROOT))
                        .save(staging.toString());
                Path part = part(fs, staging);
                fs.delete(target, false);
                if (!fs.rename(part, target)) {
                    throw new IOException("rename " + part + " -> " + target + " failed");
                }
            } finally {
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + ": " + e.getMessage(), e);
        }
    }

    /** CSV or JSON lines of {@code df} as text, through a temporary local file. */
    public static String text(Dataset<Row> df, Format format, Configuration hadoop) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("abacus-sql");
            java.nio.file.Path file = dir.resolve("result");
            try {
                write(df, format, file.toUri().toString(), hadoop);
                return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one data file Spark wrote into {@code dir} (an empty result still gets one). */
    private static Path part(FileSystem fs, Path dir) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.getPath().getName().startsWith("part-")) {
                return f.getPath();
            }
        }
        throw new IOException("Spark wrote no part file into " + dir);
    }
}

package lab.abacus.tables;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lab.abacus.storage.Storage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet files without Spark: a table's rows (for tests, the trainer and small tools) and, generally, the
 * visible {@code *.parquet} files of any directory (dataset splits). Hidden files ({@code _*}, {@code .*}) are
 * skipped, so a half-written staging file is never read. Values come back as Java objects: String, Integer, Long,
 * Double, Float, Boolean, and {@link Instant} for timestamp columns; a missing optional value is null.
 */
public final class TableReader {

    private TableReader() {}

    /** Every row of table {@code name}; empty when the table does not exist yet. Order: by file name, then row. */
    public static List<Map<String, Object>> read(Storage storage, String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : visibleParquetFiles(storage.fs(), storage.table(name))) {
            forEachRow(storage.hadoop(), file, rows::add);
        }
        return rows;
    }

    /** The latest row per key of {@code table} ({@link #later}): what a deduplicating view shows. */
    public static List<Map<String, Object>> latestPerKey(Table table, List<Map<String, Object>> rows) {
        Map<List<Object>, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<Object> key = table.key().stream().map(row::get).toList();
            latest.merge(key, row, TableReader::later);
        }
        return new ArrayList<>(latest.values());
    }

    /**
     * The later of two rows of one key, the rule every view follows: the higher {@code attempt} (a retry supersedes
     * what an earlier attempt wrote, whatever the clocks say), then the later {@code written_at}, then {@code b}.
     */
    public static Map<String, Object> later(Map<String, Object> a, Map<String, Object> b) {
        int c = Integer.compare(attempt(b), attempt(a));
        if (c == 0) {
            c = writtenAt(b).compareTo(writtenAt(a));
        }
        return c >= 0 ? b : a;
    }

    /** When a row was written ({@link Table#WRITTEN_AT}); the epoch when it has none. */
    public static Instant writtenAt(Map<String, Object> row) {
        return row.get(Table.WRITTEN_AT) instanceof Instant i ? i : Instant.EPOCH;
    }

    private static int attempt(Map<String, Object> row) {
        return row.get("attempt") instanceof Integer i ? i : 0;
    }

    /** Visible Parquet files directly under {@code dir}, sorted by name; empty when {@code dir} does not exist. */
    public static List<Path> visibleParquetFiles(FileSystem fs, Path dir) {
        try {
            FileStatus[] all = fs.listStatus(dir);
            return Arrays.stream(all)
                    .filter(FileStatus::isFile)
                    .map(FileStatus::getPath)
                    .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
                    .filter(p -> p.getName().endsWith(".parquet"))
                    .sorted(Comparator.comparing(Path::getName))
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stream the rows of one Parquet file as column-name → value maps.
     *
     * @throws DamagedTableFile when the file's content is unreadable (torn, truncated, not Parquet)
     * @throws UncheckedIOException when the storage failed to read it
     */
    public static void forEachRow(Configuration conf, Path file, Consumer<Map<String, Object>> sink) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(conf)
                .build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                sink.accept(toMap(g));
            }
        } catch (EOFException | RuntimeException e) {
            throw new DamagedTableFile(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("reading Parquet file " + file + ": " + e.getMessage(), e));
        }
    }

    static Map<String, Object> toMap(Group g) {
        GroupType type = g.getType();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type f = type.getType(i);
            if (g.getFieldRepetitionCount(i) == 0 || !f.isPrimitive()) {
                row.put(f.getName(), null);
                continue;
            }
            row.put(f.getName(), value(g, i, f.asPrimitiveType()));
        }
        return row;
    }

    private static Object value(Group g, int i, PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(i, 0);
            case INT32 -> g.getInteger(i, 0);
            case INT64 -> {
                long v = g.getLong(i, 0);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    yield switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS ->
                            Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
                        case NANOS ->
                            Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
                    };
                }
                yield v;
            }
            case DOUBLE -> g.getDouble(i, 0);
            case FLOAT -> g.getFloat(i, 0);
            case BOOLEAN -> g.getBoolean(i, 0);
            case INT96 -> null;
        };
    }
}

package lab.abacus.tables;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Appends rows to a table as one new Parquet file per call: {@code <root>/tables/<name>/part-<utc-time>-<uuid>.parquet}.
 *
 * <p>The file is written under a hidden staging name in the same directory and renamed into place, so readers
 * (which skip {@code _}/{@code .} names, as Spark does) see the whole file or nothing. Rows are plain maps from
 * column name to value ({@link ColumnType} says which Java types each column takes); {@code written_at} is filled
 * with the current time when a row leaves it out. A row with an unknown column, a missing required column or a
 * value of the wrong type is rejected before anything is written.
 *
 * <p>Safe to call from many JVMs at once (Spark executors, trainer containers): every call writes its own file.
 */
public final class TableWriter {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private TableWriter() {}

    /**
     * Append {@code rows} to {@code table} under {@code storage}'s tables directory.
     *
     * @return the new file, or null when {@code rows} is empty (nothing is written)
     */
    public static Path append(Storage storage, Table table, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        MessageType schema = schema(table);
        Instant now = Instant.now();
        List<Group> groups = new ArrayList<>(rows.size());
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        for (Map<String, ?> row : rows) {
            groups.add(toGroup(table, factory, row, now));
        }
        Path dir = storage.table(table.name());
        Path target = new Path(dir, "part-" + STAMP.format(now) + "-" + UUID.randomUUID() + ".parquet");
        Path staging = Storage.stagingSibling(target);
        try {
            storage.fs().mkdirs(dir);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                            HadoopOutputFile.fromPath(staging, storage.hadoop()))
                    .withConf(storage.hadoop())
                    .withType(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build()) {
                for (Group g : groups) {
                    writer.write(g);
                }
            }
            if (!storage.fs().rename(staging, target)) {
                throw new IOException("rename " + staging + " -> " + target + " failed");
            }
            return target;
        } catch (IOException | FSError e) {
            storage.deleteQuietly(staging);
            throw Storage.failure("appending to table " + table.name() + " at " + dir, e);
        }
    }

    /** The Parquet schema of a table: every column OPTIONAL (Spark's convention), types per {@link ColumnType}. */
    public static MessageType schema(Table table) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : table.columns()) {
            b.addField(field(c));
        }
        return b.named("spark_schema");
    }

    private static Type field(Column c) {
        return switch (c.type()) {
            case STRING ->
                Types.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(c.name());
            case INT -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            case TIMESTAMP ->
                Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name());
        };
    }

    private static Group toGroup(Table table, SimpleGroupFactory factory, Map<String, ?> row, Instant now) {
        Set<String> known = new HashSet<>();
        Group g = factory.newGroup();
        for (Column c : table.columns()) {
            known.add(c.name());
            Object v = row.get(c.name());
            if (v == null && c.name().equals(Table.WRITTEN_AT)) {
                v = now;
            }
            if (v == null) {
                if (!c.nullable()) {
                    throw new IllegalArgumentException(
                            "table " + table.name() + ": column " + c.name() + " is required but the row has no value");
                }
                continue;
            }
            put(table, g, c, v);
        }
        for (String k : row.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("table " + table.name() + ": unknown column " + k);
            }
        }
        return g;
    }

    private static void put(Table table, Group g, Column c, Object v) {
        String name = c.name();
        try {
            switch (c.type()) {
                case STRING -> g.add(name, (String) v);
                case INT -> {
                    long l = integral(v);
                    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("out of int range: " + v);
                    }
                    g.add(name, (int) l);
                }
                case LONG -> g.add(name, integral(v));
                case DOUBLE -> g.add(name, ((Number) v).doubleValue());
                case BOOLEAN -> g.add(name, (Boolean) v);
                case TIMESTAMP -> g.add(name, v instanceof Instant i ? i.toEpochMilli() : integral(v));
            }
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "table " + table.name() + ": column " + name + " (" + c.type() + ") cannot hold "
                            + v.getClass().getSimpleName() + " " + v,
                    e);
        }
    }

    private static long integral(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new ClassCastException("not an integer");
    }
}

package lab.abacus.structural;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import lab.abacus.storage.Storage;
import lab.abacus.tables.TableReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet files of a structural split, {@code <dataset>/<split>/part-NNNNN.parquet}, one per logical shard. The
 * row contract: {@code text STRING, tokens INT32} required; {@code max_depth INT32} (Dyck), {@code marker STRING} and
 * {@code source_line INT64} (McCoy's tasks) optional.
 */
public final class StructuralRowFiles {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message structural_row {"
            + " required binary text (STRING); required int32 tokens; optional int32 max_depth;"
            + " optional binary marker (STRING); optional int64 source_line; }");

    private StructuralRowFiles() {}

    /** Writes one shard file; the caller writes it inside a staging directory that is renamed when complete. */
    public static final class Writer implements Closeable {
        private final ParquetWriter<Group> writer;
        private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);

        public Writer(Path file, Configuration hadoop, String compression) throws IOException {
            writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop))
                    .withConf(hadoop)
                    .withType(SCHEMA)
                    .withCompressionCodec(CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT)))
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build();
        }

        public void write(StructuralRow row) throws IOException {
            Group g = groups.newGroup().append("text", row.text()).append("tokens", row.tokens());
            if (row.maxDepth() != null) {
                g.append("max_depth", row.maxDepth());
            }
            if (row.marker() != null) {
                g.append("marker", row.marker());
            }
            if (row.sourceLine() != null) {
                g.append("source_line", row.sourceLine());
            }
            writer.write(g);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** Every row of a split directory, in file (shard) order; fails when it has no Parquet files. */
    public static void forEach(Storage storage, Path splitDir, Consumer<StructuralRow> sink) {
        List<Path> files = TableReader.visibleParquetFiles(storage.fs(), splitDir);
        if (files.isEmpty()) {
            throw new IllegalStateException("dataset split " + splitDir + " has no Parquet files");
        }
        for (Path f : files) {
            TableReader.forEachRow(storage.hadoop(), f, r -> sink.accept(row(f, r)));
        }
    }

    private static StructuralRow row(Path file, Map<String, Object> r) {
        if (r.get("text") instanceof String text && r.get("tokens") instanceof Integer tokens) {
            Long line = r.get("source_line") instanceof Number n ? n.longValue() : null;
            return new StructuralRow(text, tokens, (Integer) r.get("max_depth"), (String) r.get("marker"), line);
        }
        throw new IllegalStateException(
                file + ": expected columns text STRING, tokens INT but a row has " + r.keySet());
    }
}

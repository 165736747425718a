package lab.abacus.grid;

import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * Appends {@link EvalCellRow}s to {@code <root>/tables/eval_cells} as one Parquet file per call, written under a
 * hidden name and renamed into place, so a reader sees all of a call's rows or none. Every row of a file gets the
 * same {@code written_at}; the views keep the latest row per (run_id, task, len_a, len_b).
 */
public final class EvalCellsWriter {

    public static final String TABLE = "eval_cells";

    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("task")
            .optional(PrimitiveTypeName.INT32).named("len_a")
            .optional(PrimitiveTypeName.INT32).named("len_b")
            .optional(PrimitiveTypeName.INT32).named("n")
            .optional(PrimitiveTypeName.INT32).named("correct")
            .optional(PrimitiveTypeName.DOUBLE).named("accuracy")
            .optional(PrimitiveTypeName.INT32).named("first_correct")
            .optional(PrimitiveTypeName.BOOLEAN).named("in_distribution")
            .optional(PrimitiveTypeName.DOUBLE).named("decode_s")
            .optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("written_at")
            .named("eval_cells");

    private final Storage storage;

    public EvalCellsWriter(Storage storage) {
        this.storage = storage;
    }

    /** Write {@code rows} as one atomic file named after {@code tag} (e.g. run and partition); returns its path. */
    public Path write(List<EvalCellRow> rows, String tag) {
        if (rows.isEmpty()) {
            return null;
        }
        Path dir = storage.table(TABLE);
        Path target = new Path(dir, "part-" + tag.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + UUID.randomUUID()
                + ".parquet");
        Path tmp = Storage.stagingSibling(target);
        long micros = System.currentTimeMillis() * 1000L;
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        try {
            storage.fs().mkdirs(dir);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, storage.hadoop()))
                    .withType(SCHEMA).withConf(storage.hadoop()).build()) {
                for (EvalCellRow r : rows) {
                    Group g = factory.newGroup()
                            .append("run_id", r.runId()).append("task", r.task())
                            .append("len_a", r.lenA()).append("len_b", r.lenB())
                            .append("n", r.n()).append("correct", r.correct())
                            .append("accuracy", r.accuracy());
                    if (r.firstCorrect() != null) {
                        g.append("first_correct", r.firstCorrect());
                    }
                    g.append("in_distribution", r.inDistribution())
                            .append("decode_s", r.decodeSeconds())
                            .append("written_at", micros);
                    w.write(g);
                }
            }
            if (!storage.fs().rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
            return target;
        } catch (IOException e) {
            storage.deleteQuietly(tmp);
            throw new UncheckedIOException("writing eval cells to " + target + ": " + e.getMessage(), e);
        }
    }
}

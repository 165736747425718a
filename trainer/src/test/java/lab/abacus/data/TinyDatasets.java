package lab.abacus.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/**
 * Writes small addition datasets in the datagen layout (train/ and eval/ Parquet splits, manifest.json last) for
 * trainer tests: operands of exact digit lengths per cell (bucket method), every number reversed.
 */
public final class TinyDatasets {

    private TinyDatasets() {}

    /** A row in dataset form. */
    public record Row(int lenA, int lenB, String prompt, String answer, int sample) {}

    /** Reversed-addition rows: {@code perCell} rows for every (la, lb) in [1..maxA]×[1..maxB]. */
    public static List<Row> addition(int minLen, int maxA, int maxB, int perCell, long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int la = minLen; la <= maxA; la++) {
            for (int lb = minLen; lb <= maxB; lb++) {
                for (int i = 0; i < perCell; i++) {
                    BigInteger a = number(la, rnd);
                    BigInteger b = number(lb, rnd);
                    rows.add(new Row(la, lb, rev(a) + "+" + rev(b) + "=", rev(a.add(b)), i));
                }
            }
        }
        java.util.Collections.shuffle(rows, rnd);
        return rows;
    }

    private static BigInteger number(int digits, Random rnd) {
        StringBuilder sb = new StringBuilder();
        sb.append(1 + rnd.nextInt(9));
        for (int i = 1; i < digits; i++) {
            sb.append(rnd.nextInt(10));
        }
        return new BigInteger(sb.toString());
    }

    private static String rev(BigInteger x) {
        return new StringBuilder(x.toString()).reverse().toString();
    }

    /** Write {@code <root>/datasets/<id>/} with the given splits (eval may be null) and the manifest last. */
    public static void write(Storage storage, String id, List<Row> train, List<Row> eval) {
        Path dir = storage.dataset(id);
        writeSplit(storage, new Path(dir, "train"), train, false);
        if (eval != null) {
            writeSplit(storage, new Path(dir, "eval"), eval, true);
        }
        storage.writeString(
                new Path(dir, "manifest.json"),
                "{\"task\":\"addition\",\"tokenizer\":\"pad\",\"format\":1,\"train_rows\":" + train.size() + "}");
    }

    public static void writeSplit(Storage storage, Path splitDir, List<Row> rows, boolean withSample) {
        Types.GroupBuilder<MessageType> b = Types.buildMessage()
                .optional(PrimitiveTypeName.INT32)
                .named("len_a")
                .optional(PrimitiveTypeName.INT32)
                .named("len_b")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("prompt")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("answer");
        if (withSample) {
            b.optional(PrimitiveTypeName.INT32).named("sample");
        }
        MessageType schema = b.named("spark_schema");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        // Two part files, to exercise multi-file splits.
        int half = rows.size() / 2;
        for (int part = 0; part < 2; part++) {
            List<Row> slice = part == 0 ? rows.subList(0, half) : rows.subList(half, rows.size());
            Path file = new Path(splitDir, String.format("part-%05d.parquet", part));
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(
                            HadoopOutputFile.fromPath(file, storage.hadoop()))
                    .withConf(storage.hadoop())
                    .withType(schema)
                    .build()) {
                for (Row r : slice) {
                    Group g = f.newGroup()
                            .append("len_a", r.lenA())
                            .append("len_b", r.lenB())
                            .append("prompt", r.prompt())
                            .append("answer", r.answer());
                    if (withSample) {
                        g.append("sample", r.sample());
                    }
                    w.write(g);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

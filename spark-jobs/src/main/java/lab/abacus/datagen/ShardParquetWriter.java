package lab.abacus.datagen;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import lab.abacus.task.Problem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one logical shard straight to a Parquet file with parquet-hadoop's low-level writer, from the generator's
 * char buffers: no Spark rows, no per-row Java objects (UTF-8 bytes go through one reused array). This is what makes
 * generation several times faster than Spark's DataFrame writer (see {@link DatagenBenchmark}).
 *
 * <p>Schema (the dataset row contract): {@code len_a INT32, len_b INT32, prompt STRING, answer STRING} plus
 * {@code sample INT32} in the eval split, all required. Dictionary encoding and statistics are off for the
 * high-cardinality strings and on for the small integer columns.
 */
final class ShardParquetWriter implements Closeable {

    static final String TRAIN_SCHEMA = "message abacus_row { required int32 len_a; required int32 len_b; "
            + "required binary prompt (STRING); required binary answer (STRING); }";
    static final String EVAL_SCHEMA = "message abacus_row { required int32 len_a; required int32 len_b; "
            + "required binary prompt (STRING); required binary answer (STRING); required int32 sample; }";

    private final ParquetWriter<Problem> writer;
    private final RowWriteSupport support;

    ShardParquetWriter(Path file, Configuration conf, boolean eval, String compression) throws IOException {
        support = new RowWriteSupport(MessageTypeParser.parseMessageType(eval ? EVAL_SCHEMA : TRAIN_SCHEMA), eval);
        writer = new Builder(HadoopOutputFile.fromPath(file, conf), support)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT)))
                .withDictionaryEncoding(false)
                .withDictionaryEncoding("len_a", true)
                .withDictionaryEncoding("len_b", true)
                .withDictionaryEncoding("sample", true)
                .withStatisticsEnabled("prompt", false)
                .withStatisticsEnabled("answer", false)
                .withSizeStatisticsEnabled(false)
                .withBloomFilterEnabled(false)
                .withPageWriteChecksumEnabled(false)
                .withPageSize(1 << 20)
                .withRowGroupSize(128L << 20)
                .withValidation(false)
                .build();
    }

    /** Append one row; {@code sample} is ignored in the train split. */
    void write(Problem p, int sample) throws IOException {
        support.sample = sample;
        writer.write(p);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Problem, Builder> {
        private final RowWriteSupport support;

        Builder(org.apache.parquet.io.OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Problem> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** Emits a Problem's fields; strings are encoded into a reused byte array (ASCII fast path). */
    private static final class RowWriteSupport extends WriteSupport<Problem> {
        private final MessageType schema;
        private final boolean eval;
        private RecordConsumer out;
        private byte[] bytes = new byte[256];
        int sample;

        RowWriteSupport(MessageType schema, boolean eval) {
            this.schema = schema;
            this.eval = eval;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Problem p) {
            out.startMessage();
            out.startField("len_a", 0);
            out.addInteger(p.lenA());
            out.endField("len_a", 0);
            out.startField("len_b", 1);
            out.addInteger(p.lenB());
            out.endField("len_b", 1);
            out.startField("prompt", 2);
            out.addBinary(utf8(p.promptChars(), p.promptLength()));
            out.endField("prompt", 2);
            out.startField("answer", 3);
            out.addBinary(utf8(p.answerChars(), p.answerLength()));
            out.endField("answer", 3);
            if (eval) {
                out.startField("sample", 4);
                out.addInteger(sample);
                out.endField("sample", 4);
            }
            out.endMessage();
        }

        /**
         * The plain (non-dictionary) binary writer copies the bytes out at once, so one reused array serves every
         * value; statistics are off for these columns, so nothing keeps a reference to it.
         */
        private Binary utf8(char[] chars, int length) {
            if (bytes.length < 3 * length) {
                bytes = new byte[3 * length + 16];
            }
            int n = 0;
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c < 0x80) {
                    bytes[n++] = (byte) c;
                } else if (c < 0x800) {
                    bytes[n++] = (byte) (0xC0 | (c >> 6));
                    bytes[n++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    bytes[n++] = (byte) (0xE0 | (c >> 12));
                    bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return Binary.fromReusedByteArray(bytes, 0, n);
        }
    }
}

package lab.abacus.gridjob;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lab.abacus.storage.Storage;
import lab.abacus.task.LabelSet;
import lab.abacus.task.Problem;
import lab.abacus.task.ProblemGenerator;
import lab.abacus.task.TaskKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny addition datasets in the datagen layout ({@code datasets/<id>/{train,eval}}) for grid tests. */
final class GridFixtures {

    static final StructType EVAL = new StructType()
            .add("len_a", DataTypes.IntegerType)
            .add("len_b", DataTypes.IntegerType)
            .add("prompt", DataTypes.StringType)
            .add("answer", DataTypes.StringType)
            .add("sample", DataTypes.IntegerType);

    private GridFixtures() {}

    /** Eval cells 1..maxLen × 1..maxLen with {@code samples} rows each; train rows with lengths ≤ trainLen. */
    static void additionDataset(SparkSession spark, Storage storage, String id, int maxLen, int samples, int trainLen) {
        SplittableRandom r = new SplittableRandom(42);
        ProblemGenerator gen = TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE);
        Problem p = new Problem();
        List<Row> eval = new ArrayList<>();
        for (int a = 1; a <= maxLen; a++) {
            for (int b = 1; b <= maxLen; b++) {
                for (int s = 0; s < samples; s++) {
                    eval.add(row(gen, r, p, a, b, s));
                }
            }
        }
        List<Row> train = new ArrayList<>();
        for (int a = 1; a <= trainLen; a++) {
            for (int b = 1; b <= trainLen; b++) {
                train.add(row(gen, r, p, a, b, 0));
            }
        }
        spark.createDataFrame(eval, EVAL).repartition(3).write().parquet(storage.dataset(id) + "/eval");
        spark.createDataFrame(train, EVAL).drop("sample").coalesce(1).write().parquet(storage.dataset(id) + "/train");
    }

    /** A reversed-addition problem of exactly a and b digits, drawn by the datagen's own generator. */
    private static Row row(ProblemGenerator gen, SplittableRandom r, Problem p, int a, int b, int sample) {
        gen.generate(a, b, r, p);
        return RowFactory.create(a, b, p.prompt(), p.answer(), sample);
    }
}

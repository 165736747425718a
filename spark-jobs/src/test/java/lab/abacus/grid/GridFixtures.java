package lab.abacus.grid;

import lab.abacus.storage.Storage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny addition datasets in the datagen layout ({@code datasets/<id>/{train,eval}}) for grid tests. */
final class GridFixtures {

    static final StructType EVAL = new StructType()
            .add("len_a", DataTypes.IntegerType).add("len_b", DataTypes.IntegerType)
            .add("prompt", DataTypes.StringType).add("answer", DataTypes.StringType)
            .add("sample", DataTypes.IntegerType);

    private GridFixtures() {
    }

    /** Eval cells 1..maxLen × 1..maxLen with {@code samples} rows each; train rows with lengths ≤ trainLen. */
    static void additionDataset(SparkSession spark, Storage storage, String id, int maxLen, int samples, int trainLen) {
        Random r = new Random(42);
        List<Row> eval = new ArrayList<>();
        for (int a = 1; a <= maxLen; a++) {
            for (int b = 1; b <= maxLen; b++) {
                for (int s = 0; s < samples; s++) {
                    eval.add(problem(r, a, b, s));
                }
            }
        }
        List<Row> train = new ArrayList<>();
        for (int a = 1; a <= trainLen; a++) {
            for (int b = 1; b <= trainLen; b++) {
                train.add(problem(r, a, b, 0));
            }
        }
        spark.createDataFrame(eval, EVAL).repartition(3).write().parquet(storage.dataset(id) + "/eval");
        spark.createDataFrame(train, EVAL).drop("sample").coalesce(1).write().parquet(storage.dataset(id) + "/train");
    }

    private static Row problem(Random r, int a, int b, int sample) {
        BigInteger x = digits(r, a);
        BigInteger y = digits(r, b);
        return RowFactory.create(a, b, rev(x) + "+" + rev(y) + "=", rev(x.add(y)), sample);
    }

    private static BigInteger digits(Random r, int d) {
        StringBuilder sb = new StringBuilder().append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < d; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return new BigInteger(sb.toString());
    }

    private static String rev(BigInteger v) {
        return new StringBuilder(v.toString()).reverse().toString();
    }
}

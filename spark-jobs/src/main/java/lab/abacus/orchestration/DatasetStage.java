package lab.abacus.orchestration;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.data.DatasetId;
import lab.abacus.datagen.DatagenSummary;
import lab.abacus.datagen.GenerateDatasetsJob;
import lab.abacus.lease.Leases;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.RunSpec;
import org.apache.spark.sql.SparkSession;

/** Stage 1: every distinct dataset the points need, generated once each (GenerateDatasetsJob); complete ones are kept. */
public final class DatasetStage {

    private DatasetStage() {}

    /** Datasets of {@code points} by id, in first-use order. */
    public static Map<String, DataSettings> distinct(List<RunSpec> points) {
        Map<String, DataSettings> out = new LinkedHashMap<>();
        for (RunSpec p : points) {
            DataSettings d = DataSettings.from(p.config());
            out.putIfAbsent(DatasetId.of(d), d);
        }
        return out;
    }

    /** Whether a dataset is complete (its manifest exists). */
    public static boolean complete(Storage storage, String datasetId) {
        return DatasetDirectory.readComplete(storage, datasetId).isPresent();
    }

    /** Generate the missing datasets of {@code points}; returns how many were generated. */
    public static int ensure(
            SparkSession spark, Storage storage, Leases leases, List<RunSpec> points, PrintStream out) {
        int generated = 0;
        for (Map.Entry<String, DataSettings> e : distinct(points).entrySet()) {
            if (complete(storage, e.getKey())) {
                continue;
            }
            DatagenSummary s = GenerateDatasetsJob.generate(spark, e.getValue(), storage, leases, out);
            if (s.alreadyComplete()) {
                continue; // another process generated it while this one waited
            }
            out.printf(
                    Locale.ROOT,
                    "[sweep] dataset %s: %,d train + %,d eval rows in %.1f s%n",
                    s.datasetId(),
                    s.trainRows(),
                    s.evalRows(),
                    s.seconds());
            generated++;
        }
        return generated;
    }
}

package lab.abacus.orchestration;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.abacus.data.DataSettings;
import lab.abacus.data.DatasetDirectory;
import lab.abacus.datagen.DatagenSummary;
import lab.abacus.datagen.GenerateDatasetsJob;
import lab.abacus.datagen.GenerateStructuralDatasetsJob;
import lab.abacus.datagen.StructuralDatagenSummary;
import lab.abacus.lease.Leases;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralDataSettings;
import lab.abacus.sweep.RunSpec;
import org.apache.spark.sql.SparkSession;

/**
 * Stage 1: every distinct dataset the points need, generated once each (GenerateDatasetsJob, or
 * GenerateStructuralDatasetsJob for a structural task); complete ones are kept.
 */
public final class DatasetStage {

    private DatasetStage() {}

    /** One config per dataset the points need, by dataset id, in first-use order. */
    static Map<String, Config> distinct(List<RunSpec> points) {
        Map<String, Config> out = new LinkedHashMap<>();
        for (RunSpec p : points) {
            out.putIfAbsent(p.target().datasetId(), p.config());
        }
        return out;
    }

    /** Whether a dataset is complete (its manifest exists and names it). */
    public static boolean complete(Storage storage, String datasetId) {
        return DatasetDirectory.isComplete(storage, datasetId);
    }

    /** Generate the missing datasets of {@code points}; returns how many were generated. */
    public static int ensure(
            SparkSession spark, Storage storage, Leases leases, List<RunSpec> points, PrintStream out) {
        int generated = 0;
        for (Map.Entry<String, Config> e : distinct(points).entrySet()) {
            if (!complete(storage, e.getKey()) && generate(spark, storage, leases, e.getValue(), out)) {
                generated++;
            }
        }
        return generated;
    }

    /** False when another process generated it while this one waited. */
    private static boolean generate(SparkSession spark, Storage storage, Leases leases, Config c, PrintStream out) {
        if (StructuralDataSettings.applies(c)) {
            StructuralDatagenSummary s =
                    GenerateStructuralDatasetsJob.generate(spark, StructuralDataSettings.from(c), storage, leases, out);
            if (!s.alreadyComplete()) {
                out.printf(
                        Locale.ROOT,
                        "[sweep] dataset %s: %,d train + %,d val + %,d gen rows in %.1f s%n",
                        s.datasetId(),
                        s.manifest().split("train").rows(),
                        s.manifest().split("val").rows(),
                        s.manifest().split("gen").rows(),
                        s.seconds());
            }
            return !s.alreadyComplete();
        }
        DatagenSummary s = GenerateDatasetsJob.generate(spark, DataSettings.from(c), storage, leases, out);
        if (!s.alreadyComplete()) {
            out.printf(
                    Locale.ROOT,
                    "[sweep] dataset %s: %,d train + %,d eval rows in %.1f s%n",
                    s.datasetId(),
                    s.trainRows(),
                    s.evalRows(),
                    s.seconds());
        }
        return !s.alreadyComplete();
    }
}

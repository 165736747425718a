package lab.abacus.orchestration;

import com.typesafe.config.Config;
import java.io.PrintStream;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.LauncherSettings;
import org.apache.spark.sql.SparkSession;

/** The launcher {@code abacus.launcher.type} names. */
public final class Launchers {

    private Launchers() {}

    /**
     * The launcher of {@code sweepConfig}'s settings. A Kubernetes launcher checks its cluster here, before any
     * dataset or Job is made.
     */
    public static Launcher create(Config sweepConfig, SparkSession spark, Storage storage, PrintStream out) {
        LauncherSettings s = LauncherSettings.from(sweepConfig);
        return switch (s.type()) {
            case LOCAL -> new LocalLauncher(s.local().parallelPoints(), storage, s.process());
            case SPARK -> new SparkLauncher(spark, s.spark(), s.process(), out);
            case KUBERNETES -> KubernetesLauncher.connect(s.kubernetes(), sweepConfig, storage, out);
        };
    }
}

package lab.abacus.orchestration;

import java.io.PrintStream;
import lab.abacus.config.ConfigError;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.LauncherSettings;
import org.apache.spark.sql.SparkSession;

/** The launcher {@code abacus.launcher.type} names. */
public final class Launchers {

    private Launchers() {}

    public static Launcher create(LauncherSettings s, SparkSession spark, Storage storage, PrintStream out) {
        return switch (s.type()) {
            case LOCAL -> new LocalLauncher(s.local().parallelPoints(), storage, s.process());
            case SPARK -> new SparkLauncher(spark, s.spark(), s.process(), out);
            case KUBERNETES ->
                throw new ConfigError("abacus.launcher.type = kubernetes is planned but not runnable"
                        + " yet: use local or spark (`abacus sweep plan` works with any launcher)");
        };
    }
}

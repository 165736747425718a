package lab.abacus.spark;

import com.typesafe.config.Config;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * Creates or joins the Spark session every verb uses.
 *
 * <ul>
 *   <li>Launched by spark-submit ({@code spark.master} already set): the master, deploy mode and resources are
 *       spark-submit's; {@code abacus.spark.master} is ignored.</li>
 *   <li>Otherwise embedded: master {@code abacus.spark.master} (default {@code local[*]}); for local masters the
 *       driver binds to 127.0.0.1 and the UI is off unless configured.</li>
 *   <li>Always: {@code abacus.spark.conf} entries win over both (the experiment's config is the record), and
 *       {@code abacus.spark.hadoop} entries go to the Hadoop configuration of the driver and, as
 *       {@code spark.hadoop.*}, of every executor.</li>
 * </ul>
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** Whether this JVM was started by spark-submit (which passes the master as a system property). */
    public static boolean launchedBySparkSubmit() {
        return System.getProperty("spark.master") != null;
    }

    /**
     * The session for {@code config}: a new one, or the running one (a test's, a notebook's) with what can still
     * change applied: {@code spark.sql.*} settings and the Hadoop settings.
     */
    public static SparkSession getOrCreate(Config config, String appName) {
        SparkSettings settings = SparkSettings.from(config);
        SparkSession existing = running();
        if (existing == null) {
            return SparkSession.builder().config(sparkConf(settings, appName, new SparkConf())).getOrCreate();
        }
        settings.conf().forEach((k, v) -> {
            if (k.startsWith("spark.sql.")) {
                existing.conf().set(k, v);
            }
        });
        settings.hadoop().forEach(existing.sparkContext().hadoopConfiguration()::set);
        return existing;
    }

    private static SparkSession running() {
        for (scala.Option<SparkSession> s : List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
            if (s.isDefined() && !s.get().sparkContext().isStopped()) {
                return s.get();
            }
        }
        return null;
    }

    /**
     * The Spark conf for a new session: {@code base} (spark.* system properties, i.e. spark-submit's settings)
     * completed with the embedded defaults and {@code abacus.spark} settings.
     */
    public static SparkConf sparkConf(SparkSettings settings, String appName, SparkConf base) {
        SparkConf conf = base.clone();
        if (!conf.contains("spark.master")) {
            conf.setMaster(settings.master());
            if (SparkSettings.isLocal(settings.master())) {
                // Loopback only, no UI port: a laptop run should not open sockets to the network.
                conf.setIfMissing("spark.driver.host", "127.0.0.1");
                conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
                conf.setIfMissing("spark.ui.enabled", "false");
            }
        }
        conf.setIfMissing("spark.app.name", appName);
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : settings.hadoop().entrySet()) {
            conf.set("spark.hadoop." + e.getKey(), e.getValue());
        }
        return conf;
    }

    /** The storage root of {@code config}, opened with the session's Hadoop configuration. */
    public static Storage storage(SparkSession session, Config config) {
        return Storage.open(StorageSettings.from(config).root(), session.sparkContext().hadoopConfiguration());
    }

    /** Stop the active session, if any (the CLI calls this before exiting). */
    public static void stopActive() {
        if (SparkSession.getActiveSession().isDefined()) {
            SparkSession.getActiveSession().get().stop();
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
    }
}

package lab.abacus.spark;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

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

    /** Spark settings with this prefix are Hadoop settings of the driver and of every executor. */
    static final String HADOOP_PREFIX = "spark.hadoop.";

    private SparkSessions() {}

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
            return SparkSession.builder()
                    .config(sparkConf(settings, appName, new SparkConf()))
                    .getOrCreate();
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
        for (scala.Option<SparkSession> s :
                List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
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
            conf.set(HADOOP_PREFIX + e.getKey(), e.getValue());
        }
        return conf;
    }

    /**
     * How every task and trainer process of this session opens the storage root of {@code config}: its
     * {@code abacus.storage.root} and {@code abacus.spark.hadoop} settings over the session's {@code spark.hadoop.*}
     * settings (those of spark-submit's {@code --conf} and spark-defaults included).
     */
    public static StorageRef storageRef(SparkSession session, Config config) {
        Map<String, String> sessionHadoop = new TreeMap<>();
        for (Tuple2<String, String> kv : session.sparkContext().getConf().getAll()) {
            if (kv._1().startsWith(HADOOP_PREFIX)) {
                sessionHadoop.put(kv._1().substring(HADOOP_PREFIX.length()), kv._2());
            }
        }
        return StorageRef.from(config).withHadoopDefaults(sessionHadoop);
    }

    /** The storage root of {@code config}, opened as {@link #storageRef} says (for reading). */
    public static Storage storage(SparkSession session, Config config) {
        return storageRef(session, config).open();
    }

    /** The storage root of {@code config} for a command that writes: checked writable before any work. */
    public static Storage writableStorage(SparkSession session, Config config) {
        return storage(session, config).requireWritable();
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

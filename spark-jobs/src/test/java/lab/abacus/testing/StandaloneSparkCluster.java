package lab.abacus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real standalone Spark cluster on 127.0.0.1: one Master and N Workers, each its own JVM started from a SPARK_HOME
 * whose {@code jars/} Maven filled ({@code tools/spark-home}); executors are JVMs the Workers start. Jobs reach it
 * through {@link #submit} (real spark-submit semantics) or a session with {@link #masterUrl()}.
 *
 * <p>Use as a JUnit 5 extension, so it stops after the class whatever happened:
 * <pre>{@code
 * @RegisterExtension
 * static final StandaloneSparkCluster CLUSTER = StandaloneSparkCluster.withWorkers(2);
 * }</pre>
 * or by hand with {@link #start()} / {@link #close()}. A JVM shutdown hook stops whatever is left if the test JVM
 * exits early. Each daemon's log is under {@link #logDir()}.
 *
 * <p>SPARK_HOME: system property {@code abacus-test.spark.home} (set by the build), else the environment's SPARK_HOME.
 */
public final class StandaloneSparkCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** Spark on Java 17: the same list the root pom's {@code spark.add.opens} holds (spark-submit adds its own). */
    public static final List<String> ADD_OPENS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final int workers;
    private final int coresPerWorker;
    private final int memoryPerWorkerMb;
    private final List<Process> daemons = new ArrayList<>();
    private Path sparkHome;
    private Path dir;
    private int masterPort;
    private int masterUiPort;
    private Thread shutdownHook;

    private StandaloneSparkCluster(int workers, int coresPerWorker, int memoryPerWorkerMb) {
        this.workers = workers;
        this.coresPerWorker = coresPerWorker;
        this.memoryPerWorkerMb = memoryPerWorkerMb;
    }

    /** N workers with 1 core and 1 GiB each (one small executor per worker). */
    public static StandaloneSparkCluster withWorkers(int workers) {
        return new StandaloneSparkCluster(workers, 1, 1024);
    }

    public static StandaloneSparkCluster of(int workers, int coresPerWorker, int memoryPerWorkerMb) {
        return new StandaloneSparkCluster(workers, coresPerWorker, memoryPerWorkerMb);
    }

    /** The SPARK_HOME the build prepared, or a clear failure saying how to prepare it. */
    public static Path sparkHome() {
        String configured = System.getProperty("abacus-test.spark.home", System.getenv("SPARK_HOME"));
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("no SPARK_HOME: set -Dabacus-test.spark.home or SPARK_HOME "
                    + "(the build fills tools/spark-home/target/spark-home in `mvn verify`)");
        }
        Path home = Path.of(configured).toAbsolutePath().normalize();
        try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
                throw new IllegalStateException(home + "/jars has no spark-core jar");
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    home + "/jars is missing: run `mvn -B verify` (or "
                            + "`mvn -B -pl tools/spark-home verify`) to fill it",
                    e);
        }
        return home;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Start the Master, then the Workers, and wait until all Workers are registered. */
    public synchronized StandaloneSparkCluster start() {
        if (!daemons.isEmpty()) {
            return this;
        }
        sparkHome = sparkHome();
        try {
            Path base = Path.of(System.getProperty("abacus-test.cluster.dir", "target/spark-cluster"));
            Files.createDirectories(base);
            dir = Files.createTempDirectory(
                    base.toAbsolutePath(),
                    LocalDateTime.now(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HHmmss")) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shutdownHook = new Thread(this::stopDaemons, "standalone-spark-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            masterPort = freePort();
            masterUiPort = freePort();
            daemons.add(daemon(
                    "master",
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(masterPort),
                    "--webui-port",
                    Integer.toString(masterUiPort)));
            waitForPort(masterPort);
            for (int i = 0; i < workers; i++) {
                Path work = dir.resolve("worker-" + i);
                Files.createDirectories(work);
                daemons.add(daemon(
                        "worker-" + i,
                        "org.apache.spark.deploy.worker.Worker",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--webui-port",
                        "0",
                        "--cores",
                        Integer.toString(coresPerWorker),
                        "--memory",
                        memoryPerWorkerMb + "m",
                        "--work-dir",
                        work.toString(),
                        masterUrl()));
            }
            waitForAliveWorkers(workers);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    /** {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Where the daemons' logs and work directories are. */
    public Path logDir() {
        return dir;
    }

    /** The environment every Spark JVM of this cluster (and a spark-submit against it) needs. */
    public Map<String, String> environment() {
        return Map.of(
                "SPARK_HOME",
                sparkHome.toString(),
                "SPARK_SCALA_VERSION",
                "2.13",
                "SPARK_LOCAL_IP",
                "127.0.0.1",
                "SPARK_LOCAL_DIRS",
                dir.resolve("local").toString(),
                "SPARK_CONF_DIR",
                dir.resolve("conf").toString());
    }

    /** What a spark-submit run printed and how it ended. */
    public record Submission(int exitCode, String output, Path log, Duration elapsed) {}

    /**
     * Run {@code spark-submit --master <this cluster> <args>} as a real spark-submit does: ask
     * {@code org.apache.spark.launcher.Main} for the driver command (it applies driver memory, extra class path,
     * the Java 17 options), then run that command. Stdout and stderr go to a log file and come back together.
     */
    public Submission submit(Duration timeout, String... args) {
        try {
            List<String> launcher = new ArrayList<>(List.of(
                    java(),
                    "-Xmx128m",
                    "-cp",
                    sparkHome.resolve("jars") + "/*",
                    "org.apache.spark.launcher.Main",
                    "org.apache.spark.deploy.SparkSubmit",
                    "--master",
                    masterUrl()));
            launcher.addAll(Arrays.asList(args));
            ProcessBuilder pb = new ProcessBuilder(launcher).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(environment());
            Process p = pb.start();
            byte[] printed = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "spark launcher failed: " + new String(printed, StandardCharsets.UTF_8));
            }
            // The launcher prints the command NUL-separated (what bin/spark-class execs).
            List<String> command = Arrays.stream(new String(printed, StandardCharsets.UTF_8).split("\0"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            Path log = Files.createTempFile(dir, "submit-", ".log");
            long t0 = System.nanoTime();
            ProcessBuilder driver =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            driver.environment().putAll(environment());
            Process d = driver.start();
            try {
                if (!d.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("spark-submit did not finish in " + timeout + "; log " + log);
                }
            } finally {
                destroyTree(d);
            }
            return new Submission(d.exitValue(), Files.readString(log), log, Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stop Workers (and their executors), then the Master. Safe to call twice. */
    @Override
    public synchronized void close() {
        stopDaemons();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
            shutdownHook = null;
        }
    }

    private synchronized void stopDaemons() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            destroyTree(daemons.get(i));
        }
        daemons.clear();
        deleteCopiedJars();
    }

    /** Executors copy the application jars (~120 MB each) into their work dirs; keep only the logs. */
    private void deleteCopiedJars() {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: target/ is cleaned by `mvn clean` anyway
        }
    }

    /** SIGTERM the process and everything it started (a Worker's executors), then SIGKILL what is left. */
    private static void destroyTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                h.destroyForcibly();
            }
        }
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        // Daemons do little work: C1 only and serial GC start them faster on a busy machine. No REST submission
        // server (fixed port 6066, would collide between clusters).
        List<String> cmd = new ArrayList<>(List.of(
                java(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dspark.master.rest.enabled=false"));
        cmd.addAll(ADD_OPENS);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(environment());
        return pb.start();
    }

    /** Wait until the Master accepts connections on {@code port} (Workers register there). */
    private void waitForPort(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : daemons) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + p.exitValue() + "; logs in " + dir);
                }
            }
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException(
                "Spark master not listening on " + port + " after " + START_TIMEOUT + "; logs in " + dir);
    }

    /** Poll the Master's JSON status until {@code n} workers are alive (or a daemon died, or time is up). */
    private void waitForAliveWorkers(int n) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : daemons) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + p.exitValue() + "; logs in " + dir);
                }
            }
            try {
                String body =
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE_WORKERS.matcher(body);
                if (m.find()) {
                    last = m.group(0);
                    if (Integer.parseInt(m.group(1)) >= n) {
                        return;
                    }
                }
            } catch (IOException notUpYet) {
                last = notUpYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException("Spark cluster not ready after " + START_TIMEOUT + " (" + last + ", want " + n
                + " alive workers); logs in " + dir);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Last lines of a log, for failure messages. */
    public static String tail(Path log, int lines) {
        try (InputStream in = Files.newInputStream(log)) {
            List<String> all = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}

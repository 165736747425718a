package lab.abacus.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 endpoint on 127.0.0.1 for storage-root tests on {@code s3a://}: s3proxy with its filesystem backend (a
 * directory per bucket), started as a JVM of its own from the fat jar the build copies to target/s3proxy.
 */
public final class S3Proxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path data;

    private S3Proxy(Process process, int port, Path data) {
        this.process = process;
        this.port = port;
        this.data = data;
    }

    /** Start it with its buckets and log under {@code dir}; waits (at most a minute) until it listens. */
    public static S3Proxy start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": the build copies it (mvn generate-test-resources)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("s3");
        Files.createDirectories(data.resolve(bucket(port)));
        Path props = dir.resolve("s3proxy.conf");
        Files.writeString(
                props,
                String.join(
                                "\n",
                                "s3proxy.endpoint=http://127.0.0.1:" + port,
                                "s3proxy.authorization=none",
                                "jclouds.provider=filesystem",
                                "jclouds.filesystem.basedir=" + data)
                        + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        S3Proxy proxy = new S3Proxy(p, port, data);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!proxy.listening()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                proxy.close();
                throw new IllegalStateException("s3proxy did not start; log: " + dir.resolve("s3proxy.log"));
            }
            Thread.sleep(200);
        }
        return proxy;
    }

    private boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The Hadoop settings of an s3a:// root on this endpoint. */
    public Map<String, String> hadoop() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.access.key", "test");
        m.put("fs.s3a.secret.key", "test");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        // s3proxy answers 501 to bulk deletes (POST ?delete carries an x-amz-checksum-crc32 header, which AWS SDK
        // 2.35 always adds); single-object deletes work. Real S3 and MinIO need no such setting.
        m.put("fs.s3a.multiobjectdelete.enable", "false");
        return m;
    }

    /** The same settings as an {@code abacus.spark.hadoop { }} block. */
    public String hadoopHocon() {
        StringBuilder sb = new StringBuilder("abacus.spark.hadoop {\n");
        hadoop().forEach((k, v) ->
                sb.append("  \"").append(k).append("\" = \"").append(v).append("\"\n"));
        return sb.append("}\n").toString();
    }

    /**
     * The bucket, named after the port: Hadoop caches one S3A client per bucket for the JVM, so two proxies of one
     * test JVM must not share a bucket name.
     */
    public String bucket() {
        return bucket(port);
    }

    private static String bucket(int port) {
        return "abacus-" + port;
    }

    /** Where the backend keeps the bucket's objects. */
    public Path bucketDir() {
        return data.resolve(bucket());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package lab.abacus.orchestration;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.sweep.LauncherSettings;

/**
 * The command line of a trainer process started from the current JVM: the same java executable, the current class
 * path, the JVM options that matter for Spark/DJL code copied from this JVM's own command line, a heap of its own,
 * and {@code lab.abacus.process.TrainerMain}.
 *
 * <p>Class path: {@code java.class.path} (for {@code bin/abacus}, everything; under surefire's manifest-only jar its
 * {@code surefire.test.class.path}), then the URLs of the context class loader chain, since spark-submit's
 * application jar and {@code --jars} (libtorch's natives) reach an executor through a URL class loader only.
 */
final class TrainerJvm {

    static final String MAIN = "lab.abacus.process.TrainerMain";

    /** Options worth passing on: module access for Spark/Hadoop on Java 17, DJL and native-library settings. */
    private static final List<String> COPIED_PREFIXES = List.of(
            "--add-opens",
            "--add-exports",
            "--add-modules",
            "--add-reads",
            "--enable-native-access",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-Dai.djl.",
            "-Djdk.reflect.",
            "-Dio.netty.",
            "-Djava.library.path=",
            "-Djava.io.tmpdir=",
            "-DENGINE_CACHE_DIR=",
            "-DDJL_CACHE_DIR=",
            "-DPYTORCH_");

    private TrainerJvm() {}

    /** {@code java <options> -Xmx.. -cp <class path> TrainerMain} for this JVM and {@code settings}. */
    static List<String> command(LauncherSettings.Jvm settings) {
        return command(settings, MAIN);
    }

    /** The same command line for another main class of this code (tests start the CLI this way). */
    static List<String> command(LauncherSettings.Jvm settings, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(copiedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (System.getProperty("ai.djl.offline") != null
                && cmd.stream().noneMatch(o -> o.startsWith("-Dai.djl.offline"))) {
            cmd.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline"));
        }
        cmd.add("-Xmx" + settings.heapMb() + "m");
        cmd.addAll(settings.javaOptions());
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        return cmd;
    }

    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The options of {@code inputArguments} a trainer process needs too (agents, heap and debug flags are not). */
    static List<String> copiedOptions(List<String> inputArguments) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < inputArguments.size(); i++) {
            String a = inputArguments.get(i);
            if (COPIED_PREFIXES.stream().anyMatch(a::startsWith)) {
                out.add(a);
                // "--add-opens x=y" given as two words
                if (a.startsWith("--add-") && !a.contains("=") && i + 1 < inputArguments.size()) {
                    out.add(inputArguments.get(++i));
                }
            }
        }
        return out;
    }

    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        String surefire = System.getProperty("surefire.test.class.path");
        String cp = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "");
        for (String e : cp.split(File.pathSeparator, -1)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            chain.add(0, cl); // parents first: the order a parent-first loader looks classes up in
        }
        for (ClassLoader cl : chain) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}

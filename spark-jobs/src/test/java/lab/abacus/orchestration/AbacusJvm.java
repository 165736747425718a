package lab.abacus.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.abacus.sweep.LauncherSettings;

/** A command of this code ({@code abacus ...} or a trainer process) started as a JVM of its own, output to a file. */
record AbacusJvm(Process process, Path log) {

    static final String CLI = "lab.abacus.cli.AbacusMain";

    /** Start {@code mainClass args...} with a 1 GiB heap; stdout and stderr go to {@code log}. */
    static AbacusJvm start(Path log, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(TrainerJvm.command(new LauncherSettings.Jvm(1024, List.of()), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            return new AbacusJvm(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code, waiting at most {@code seconds} (then the process is killed and -1 returned). */
    int exitCode(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

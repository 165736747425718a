package lab.abacus.cli;

import static lab.abacus.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parsing, exit codes and error messages of the front door (no Spark started here). */
class AbacusMainTest {

    @TempDir
    Path tmp;

    @Test
    void versionVerbAndFlagPrintTheBuildVersionAndCommit() {
        CliRun verb = run("version");
        CliRun flag = run("--version");
        assertThat(verb.code()).isZero();
        assertThat(flag.code()).isZero();
        assertThat(verb.out()).startsWith("abacus 0.1.0").contains("(commit ");
        // Built from a git checkout here, so the commit is known (a hex id, not the "unknown" fallback).
        assertThat(verb.out()).containsPattern("commit [0-9a-f]{7,}");
        assertThat(flag.out().strip()).isEqualTo(verb.out().strip());
    }

    @Test
    void helpListsTheVerbsAndExitsZero() {
        CliRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("version", "spark-check", "--verbose");
    }

    @Test
    void noVerbIsAUsageError() {
        CliRun r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing verb").contains("Usage: abacus");
    }

    @Test
    void unknownVerbOrOptionIsAUsageError() {
        assertThat(run("frobnicate").code()).isEqualTo(2);
        CliRun r = run("spark-check", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingConfigFileExitsTwoNamingTheFile() {
        Path missing = tmp.resolve("nope.conf");
        CliRun r = run("spark-check", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString()).contains("not found").doesNotContain("\tat ");
    }

    @Test
    void unknownKeyExitsTwoNamingFileLineAndKey() throws IOException {
        Path conf = write("bad.conf", """
                abacus {
                  storage {
                    rot = "/tmp/x"
                  }
                }
                """);
        CliRun r = run("spark-check", conf.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(conf + ":3")
                .contains("abacus.storage.rot")
                .contains("unknown key")
                .contains("did you mean 'root'")
                .doesNotContain("\tat ");
    }

    @Test
    void wrongTypeExitsTwoNamingFileLineAndKey() throws IOException {
        Path conf = write("type.conf", """
                abacus.spark {
                  master = "local[1]"
                  hadoop = [1, 2]
                }
                """);
        CliRun r = run("spark-check", conf.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(conf + ":3")
                .contains("abacus.spark.hadoop")
                .contains("expected an object");
    }

    @Test
    void badSetOverridesExitTwo() {
        CliRun noEquals = run("spark-check", "--set", "storage.root");
        assertThat(noEquals.code()).isEqualTo(2);
        assertThat(noEquals.err()).contains("--set storage.root: expected key=value");

        CliRun unknown = run("spark-check", "--set", "storage.rooot=/tmp/x");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("abacus.storage.rooot").contains("unknown key");

        CliRun wrongType = run("spark-check", "--set", "spark.conf=3");
        assertThat(wrongType.code()).isEqualTo(2);
        assertThat(wrongType.err()).contains("abacus.spark.conf").contains("expected an object");
    }

    @Test
    void sparkConfKeysMustBeSparkSettings() {
        CliRun r = run("spark-check", "--set", "spark.conf.\"shuffle.partitions\"=2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("abacus.spark.conf").contains("'shuffle.partitions' is not a Spark setting");
    }

    @Test
    void verbArgumentErrorsAreUserErrors() {
        CliRun r = run("spark-check", "--partitions", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--numbers and --partitions must be positive");
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("kaput");
        }
    }

    @Command(name = "wrapped")
    static final class Wrapped implements Callable<Integer> {
        @Override
        public Integer call() {
            // e.g. a ConfigError thrown inside a Spark task comes back wrapped
            throw new RuntimeException(
                    "job aborted", new lab.abacus.config.ConfigError("x.conf:4: abacus.data.y: bad"));
        }
    }

    @Test
    void unexpectedErrorsExitOneWithAShortMessageAndTheTraceOnlyWithVerbose() {
        CommandLine quiet = AbacusMain.commandLine().addSubcommand(new Boom());
        CliRun r = run(quiet, "boom");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("unexpected error: java.lang.IllegalStateException: kaput")
                .contains("--verbose")
                .doesNotContain("\tat ");

        CliRun verbose = run(AbacusMain.commandLine().addSubcommand(new Boom()), "boom", "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("kaput").contains("\tat ").contains("Boom.call");

        CliRun before = run(AbacusMain.commandLine().addSubcommand(new Boom()), "--verbose", "boom");
        assertThat(before.err()).contains("\tat ");
    }

    @Test
    void userErrorsWrappedByOtherExceptionsStillExitTwo() {
        CliRun r = run(AbacusMain.commandLine().addSubcommand(new Wrapped()), "wrapped");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("x.conf:4: abacus.data.y: bad").doesNotContain("\tat ");
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}

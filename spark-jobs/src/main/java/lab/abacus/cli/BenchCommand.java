package lab.abacus.cli;

import java.util.concurrent.Callable;
import lab.abacus.bench.DecodeBenchmark;
import lab.abacus.bench.GridBenchmark;
import lab.abacus.bench.TrainBenchmark;
import lab.abacus.bench.spark.DatagenBenchmark;
import lab.abacus.bench.spark.GridSparkBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code abacus bench <benchmark> [options]}: every benchmark is one sub-command that prints its figures (none is a
 * test), with the same option syntax as every other verb ({@code --name value}, {@code --set key=value}). Those
 * without Spark live in the trainer's {@code lab.abacus.bench}, the Spark ones in {@code lab.abacus.bench.spark}.
 * GridScalingBenchmark needs the shaded jar and a standalone cluster and lives in the test sources (docs/grid.md
 * shows its Maven command).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark that prints figures (see each one's --help and docs/*.md).",
        subcommands = {
            DatagenBenchmark.class,
            TrainBenchmark.class,
            DecodeBenchmark.class,
            GridBenchmark.class,
            GridSparkBenchmark.class
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "which benchmark: " + String.join(", ", spec.subcommands().keySet()));
    }
}

package lab.abacus.cli;

import lab.abacus.datagen.DatagenBenchmark;
import lab.abacus.decode.DecodeBenchmark;
import lab.abacus.grid.GridBenchmark;
import lab.abacus.grid.GridSparkBenchmark;
import lab.abacus.train.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code abacus bench <benchmark> [args...]}: every benchmark is one command. Each benchmark is a main class that
 * prints its figures to stdout (see its class comment for the arguments); this verb only picks it and hands it the
 * rest of the command line untouched, so its own option syntax ({@code --threads 1}, {@code rows=1000000}) works.
 * GridScalingBenchmark needs the shaded jar and a standalone cluster and lives in the test sources
 * (docs/grid.md shows its Maven command).
 */
@Command(name = "bench", description = "Run a benchmark (prints figures): datagen | train | decode | grid "
        + "(packing|decode) | grid-spark. Arguments after the name go to the benchmark; see docs/*.md.")
final class BenchCommand implements Callable<Integer> {

    /** A benchmark's main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Name → main class, in the order the help lists them. */
    static final Map<String, Main> BENCHMARKS = benchmarks();

    @Parameters(index = "0", paramLabel = "<benchmark>", description = "datagen | train | decode | grid | grid-spark")
    String name;

    // Everything after the name, options included, in order: the benchmark parses its own arguments.
    @Unmatched
    List<String> args = new ArrayList<>();

    private static Map<String, Main> benchmarks() {
        Map<String, Main> m = new LinkedHashMap<>();
        m.put("datagen", DatagenBenchmark::main);      // GenerateDatasets rows/s (Spark local[*])
        m.put("train", TrainBenchmark::main);          // training tokens/s
        m.put("decode", DecodeBenchmark::main);        // KV cache vs recompute decoding
        m.put("grid", GridBenchmark::main);            // packing | decode, no Spark
        m.put("grid-spark", GridSparkBenchmark::main); // the grid job on a Spark master
        return m;
    }

    @Override
    public Integer call() throws Exception {
        Main main = BENCHMARKS.get(name);
        if (main == null) {
            throw new UserError("unknown benchmark '" + name + "' (one of " + String.join(", ", BENCHMARKS.keySet())
                    + ")");
        }
        try {
            main.run(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            // the benchmarks report bad arguments this way (unknown option, not a number)
            throw new UserError(name + ": " + e.getMessage(), e);
        }
        System.out.flush();
        return AbacusMain.EXIT_OK;
    }
}

package lab.abacus.cli;

import java.util.List;

/**
 * Every verb of {@code abacus}, one line each. Adding a verb = a {@code @Command} class + one line here:
 * <pre>{@code
 * @Command(name = "datagen", description = "Generate the train/eval datasets of a config.")
 * final class DatagenCommand implements Callable<Integer> {
 *     @Mixin ConfigArgs config;                 // [<conf>] [--set key=value]...
 *     @Spec CommandSpec spec;                   // spec.commandLine().getOut() for output
 *
 *     public Integer call() {
 *         Config c = config.load();             // validated; ConfigError -> exit 2 with file:line and key
 *         SparkSession spark = SparkSessions.getOrCreate(c, "abacus datagen");
 *         Storage storage = SparkSessions.storage(spark, c);
 *         ...                                   // throw UserError("...") for other bad input
 *         return AbacusMain.EXIT_OK;
 *     }
 * }
 * }</pre>
 *
 * <p>Verbs are named by class name so that areas can land their command classes independently: a listed class that
 * is not in this build yet is simply not offered (see {@link AbacusMain#commandLine()}).
 */
final class Verbs {

    static final List<String> CLASSES = List.of(
            "lab.abacus.cli.VersionCommand",
            "lab.abacus.cli.SparkCheckCommand",
            "lab.abacus.cli.DatagenCommand",      // issue 2: GenerateDatasets
            "lab.abacus.cli.TrainCommand",        // issue 3: one training run
            "lab.abacus.cli.EvalCommand",         // issue 4: EvaluateGrid
            "lab.abacus.cli.SqlCommand",          // issue 4: Spark SQL over the tables
            "lab.abacus.cli.ReportCommand",       // issue 4: heatmaps and summaries
            "lab.abacus.cli.SweepCommand",        // issue 5: sweep run|plan|status
            "lab.abacus.cli.QuickstartCommand",   // issue 5: the newcomer's one command
            "lab.abacus.cli.BenchCommand"         // every benchmark: bench datagen|train|decode|grid|grid-spark
    );

    private Verbs() {
    }
}

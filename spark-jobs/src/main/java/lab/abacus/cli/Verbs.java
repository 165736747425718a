package lab.abacus.cli;

import java.util.List;

/**
 * Every verb of {@code abacus}, one line each. Adding a verb = a {@code @Command} class + one line here.
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
            "lab.abacus.cli.QuickstartCommand"    // issue 5: the newcomer's one command
    );

    private Verbs() {
    }
}

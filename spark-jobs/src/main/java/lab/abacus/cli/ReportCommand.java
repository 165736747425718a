package lab.abacus.cli;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import lab.abacus.grid.EvalSettings;
import lab.abacus.report.Reports;
import lab.abacus.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abacus report <run-id | sweep-name>}: heatmaps and an accuracy summary for a run
 * ({@code <root>/runs/<id>/report/}), or the sweep table with heatmaps ({@code <root>/sweeps/<name>/report/}).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "report",
        description = "Write heatmaps and summaries for a run or a sweep.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    ConfigFlags config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id|sweep>", description = "A run id or a sweep name.")
    String target;

    @Override
    public Integer call() {
        Config c = config.load();
        EvalSettings es = EvalSettings.from(c);
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus report " + target);
        BufferedOutput.print(spec, ps -> Reports.report(spark, SparkSessions.storage(spark, c), es, target, ps));
        return AbacusMain.EXIT_OK;
    }
}

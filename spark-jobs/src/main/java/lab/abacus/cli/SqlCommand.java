package lab.abacus.cli;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import lab.abacus.spark.SparkSessions;
import lab.abacus.sql.SqlQuery;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abacus sql "<query>"}: Spark SQL over the storage root's tables (views runs, metrics, eval_cells, results;
 * docs/tables.md), printed as a text table.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "sql",
        description = "Run a Spark SQL query over the tables (views: runs, metrics, eval_cells, "
                + "results) and print the result.")
final class SqlCommand implements Callable<Integer> {

    @Mixin
    ConfigFlags config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<query>", description = "The SQL query, e.g. \"select * from results\".")
    String query;

    @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new UserError("--max-rows must be positive");
        }
        Config c = config.load();
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus sql");
        BufferedOutput.print(spec, ps -> SqlQuery.run(spark, SparkSessions.storage(spark, c), query, maxRows, ps));
        return AbacusMain.EXIT_OK;
    }
}

package lab.abacus.cli;

import com.typesafe.config.Config;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.spark.SparkSessions;
import lab.abacus.sql.SqlExport;
import lab.abacus.sql.SqlQuery;
import lab.abacus.storage.Storage;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abacus sql "<query>"}: Spark SQL over the storage root's tables (views runs, metrics, eval_cells,
 * sweep_points, structure, results; docs/tables.md), printed as a text table, or written as CSV, JSON lines or Parquet.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "sql",
        description =
                "Run a Spark SQL query over the tables (views: runs, metrics, eval_cells, sweep_points, structure, "
                        + "results) and print the result, or write it as CSV, JSON lines or Parquet.")
final class SqlCommand implements Callable<Integer> {

    @Mixin
    ConfigFlags config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<query>", description = "The SQL query, e.g. \"select * from results\".")
    String query;

    @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "<format>",
            description = "text (an aligned table of --max-rows rows), csv (with a header), json (JSON lines) or"
                    + " parquet (needs --out); every format but text writes all rows.")
    String format;

    @Option(
            names = "--out",
            paramLabel = "<path>",
            description = "Write the result to this file (a path or URI; replaced atomically) instead of stdout.")
    String out;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new UserError("--max-rows must be positive");
        }
        SqlExport.Format f = format();
        Config c = config.load();
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus sql");
        Storage storage = SparkSessions.storage(spark, c);
        if (f == SqlExport.Format.TEXT) {
            BufferedOutput.print(spec, ps -> SqlQuery.run(spark, storage, query, maxRows, ps));
            return AbacusMain.EXIT_OK;
        }
        Dataset<Row> df = SqlQuery.query(spark, storage, query);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (out != null) {
            SqlExport.write(df, f, out, hadoop);
            spec.commandLine().getErr().println("abacus sql: wrote " + out);
        } else {
            spec.commandLine().getOut().print(SqlExport.text(df, f, hadoop));
            spec.commandLine().getOut().flush();
        }
        return AbacusMain.EXIT_OK;
    }

    /** --format, checked against --out. */
    private SqlExport.Format format() {
        SqlExport.Format f;
        try {
            f = SqlExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--format " + format + ": one of text, csv, json, parquet");
        }
        if (f == SqlExport.Format.TEXT && out != null) {
            throw new UserError("--out needs --format csv, json or parquet");
        }
        if (f == SqlExport.Format.PARQUET && out == null) {
            throw new UserError("--format parquet needs --out <path>");
        }
        return f;
    }
}

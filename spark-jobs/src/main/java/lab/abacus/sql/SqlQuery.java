package lab.abacus.sql;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lab.abacus.console.TextTable;
import lab.abacus.storage.Storage;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code abacus sql "<query>"}: register the table views over the storage root, run the query, print at most
 * {@code maxRows} rows as an aligned text table followed by the row count.
 */
public final class SqlQuery {

    private SqlQuery() {}

    /** Runs {@code query} and prints its result; returns the number of rows printed. */
    public static int run(SparkSession spark, Storage storage, String query, int maxRows, PrintStream out) {
        Dataset<Row> df = query(spark, storage, query);
        List<Row> rows = df.limit(maxRows + 1).collectAsList();
        boolean more = rows.size() > maxRows;
        if (more) {
            rows = rows.subList(0, maxRows);
        }
        out.print(format(df.columns(), rows));
        out.println("(" + rows.size()
                + (more ? "+ rows, showing the first " + maxRows : " row" + (rows.size() == 1 ? "" : "s")) + ")");
        return rows.size();
    }

    /** {@code query} over the views of the root's tables; an SQL error names itself and the views. */
    public static Dataset<Row> query(SparkSession spark, Storage storage, String query) {
        TableViews.register(spark, storage);
        try {
            return spark.sql(query);
        } catch (Exception e) {
            // AnalysisException is a checked exception in Java's eyes, though Spark throws it unchecked.
            Throwable t = e;
            if (t instanceof AnalysisException || e.getClass().getName().contains("ParseException")) {
                throw new IllegalArgumentException(
                        "SQL error: " + firstLine(e.getMessage()) + "\n  views: "
                                + String.join(", ", TableViews.names()) + " (schemas: docs/tables.md)",
                        e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    /** The first line with text of a (Spark) error message, which may start with a blank line. */
    static String firstLine(String message) {
        return message == null
                ? ""
                : message.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .findFirst()
                        .orElse("");
    }

    /** An aligned text table: header, a rule, one line per row; doubles with 4 decimals. */
    public static String format(String[] columns, List<Row> rows) {
        TextTable table = new TextTable(columns);
        for (Row r : rows) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                line[c] = render(r.get(c));
            }
            table.row(line);
        }
        return table.render();
    }

    private static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof Float f) {
            return String.format(Locale.ROOT, "%.4f", f);
        }
        return String.valueOf(v);
    }
}

package lab.abacus.tables;

/** One typed column of a {@link Table}. A non-nullable column must be present in every written row. */
public record Column(String name, ColumnType type, boolean nullable) {

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}

package lab.abacus.tables;

/**
 * The value types a table column can have, and the Java values each accepts when writing.
 *
 * <p>TIMESTAMP is stored as INT64 {@code TIMESTAMP(MILLIS, isAdjustedToUTC=true)}, which Spark reads as
 * {@code TimestampType}; it accepts {@link java.time.Instant} or epoch milliseconds.
 */
public enum ColumnType {
    /** UTF-8 text. */
    STRING,
    /** 32-bit integer. */
    INT,
    /** 64-bit integer. */
    LONG,
    /** 64-bit float (NaN allowed: a failed run's last loss may be NaN). */
    DOUBLE,
    BOOLEAN,
    /** Instant, millisecond precision, UTC. */
    TIMESTAMP
}

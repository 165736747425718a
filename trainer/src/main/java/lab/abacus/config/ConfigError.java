package lab.abacus.config;

import com.typesafe.config.ConfigOrigin;

/**
 * A configuration problem a user can fix: the message names where (file:line) and which key.
 * The CLI prints it without a stack trace.
 */
public final class ConfigError extends RuntimeException {

    public ConfigError(String message) {
        super(message);
    }

    /** "file:line: key: problem" — the form every config complaint takes. */
    public static ConfigError at(ConfigOrigin origin, String key, String problem) {
        return new ConfigError(where(origin) + ": " + key + ": " + problem);
    }

    /** "file:line" for an origin, or its description when it is not a file (e.g. a --set override). */
    public static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "<unknown>";
        }
        String file = origin.filename() != null
                ? origin.filename()
                : origin.url() != null ? origin.url().toString() : null;
        if (file == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    }
}

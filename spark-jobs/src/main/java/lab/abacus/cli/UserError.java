package lab.abacus.cli;

/**
 * A problem the user can fix (bad argument, missing run, unreadable path): the CLI prints the message, no stack
 * trace, and exits 2. Config problems use {@link lab.abacus.config.ConfigError}, which is treated the same way.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

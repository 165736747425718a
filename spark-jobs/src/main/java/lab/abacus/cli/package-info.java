/**
 * The {@code abacus} command line: {@link lab.abacus.cli.AbacusMain} (picocli) and its verbs.
 *
 * <p>A verb is a small {@code @Command} class here, named {@code <Verb>Command}, implementing
 * {@code Callable<Integer>}, plus one line in {@link lab.abacus.cli.Verbs} (VerbsTest fails if the line is missing). Verbs share {@link lab.abacus.cli.ConfigArgs} / {@link lab.abacus.cli.ConfigFlags}
 * (HOCON file + {@code --set key=value}, validated once) and {@link lab.abacus.spark.SparkSessions}. Errors a user can
 * fix ({@link lab.abacus.config.ConfigError}, {@link lab.abacus.cli.UserError}) print one message and exit 2;
 * anything else exits 1 (stack trace with {@code --verbose}).
 */
package lab.abacus.cli;

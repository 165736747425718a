/**
 * The {@code abacus} command line: {@link lab.abacus.cli.AbacusMain} (picocli) and its verbs, each a sub-command
 * class named {@code <Verb>Command} listed in {@code AbacusMain}'s {@code subcommands}. Verbs share
 * {@link lab.abacus.cli.ConfigArgs} / {@link lab.abacus.cli.ConfigFlags} (HOCON file + {@code --set key=value},
 * validated once) and {@link lab.abacus.spark.SparkSessions}. Errors a user can fix
 * ({@link lab.abacus.config.ConfigError}, {@link lab.abacus.cli.UserError}, bad arguments) print one message and exit
 * 2; anything else exits 1 (stack trace with {@code --verbose}).
 *
 * <p>May use: every package.
 */
package lab.abacus.cli;

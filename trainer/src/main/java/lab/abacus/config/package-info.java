/**
 * Configuration: loading {@code reference.conf} + a user HOCON file + {@code -Dabacus.*} + {@code --set} overrides,
 * validating them once (unknown keys, wrong types, out-of-range values, each reported with file:line and key),
 * typed reads for the settings records ({@link lab.abacus.config.Settings}), and the {@code --set} option every
 * command shares ({@link lab.abacus.config.ConfigOverrides}).
 *
 * <p>May use: nothing in the project (Typesafe Config, picocli annotations).
 */
package lab.abacus.config;

/**
 * Configuration: loading {@code reference.conf} + a user HOCON file + {@code --set} overrides, validating
 * them once (unknown keys, wrong types, out-of-range values, each reported with file:line and key), and the
 * typed settings records that the rest of the code reads instead of string keys.
 */
package lab.abacus.config;

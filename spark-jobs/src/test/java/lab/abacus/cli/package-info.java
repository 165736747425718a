/**
 * Tests of the {@code abacus} command line: parsing, exit codes and messages ({@code AbacusMainTest}), the verb list,
 * each verb in-process through {@code CliRun}, and {@code StandaloneClusterIT} (the shaded jar through spark-submit on
 * a real standalone cluster).
 */
package lab.abacus.cli;

/**
 * Tests of sweep orchestration: {@code SweepRunnerTest} (plan, run, resume with the local launcher on local Spark, tiny
 * sweeps from {@code TinySweeps}) and {@code SparkLauncherIT} (points trained as Spark tasks on a standalone cluster).
 */
package lab.abacus.orchestration;

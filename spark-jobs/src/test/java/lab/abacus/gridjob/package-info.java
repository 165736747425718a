/**
 * Tests of the evaluation grid job: {@code EvaluateGridJobTest} (local Spark, an oracle decoder from
 * {@code OracleAddition}, datasets from {@code GridFixtures}), {@code GridClusterIT} (train, evaluate and query on a
 * standalone cluster) and {@code GridScalingBenchmark} (a benchmark, not run by the build: 1 worker vs 2).
 */
package lab.abacus.gridjob;

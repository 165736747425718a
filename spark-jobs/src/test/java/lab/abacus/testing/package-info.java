/**
 * Test support shared by the spark-jobs tests: {@link lab.abacus.testing.LocalSpark} (the one local session per
 * test class) and {@link lab.abacus.testing.StandaloneSparkCluster}, a real standalone Spark cluster (a Master and
 * Workers in their own JVMs on 127.0.0.1) for integration tests.
 */
package lab.abacus.testing;

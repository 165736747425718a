/** Tests of the tree-projection job on local Spark over a run trained for the test. */
package lab.abacus.treejob;

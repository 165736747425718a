/**
 * Storage root and its layout ({@code datasets/}, {@code runs/}, {@code tables/}, {@code sweeps/}) on any Hadoop
 * file system ({@code file://}, {@code hdfs://}, {@code s3a://}), and the atomic-write primitives every writer
 * uses: write under a hidden temporary name, then make it visible in one step.
 */
package lab.abacus.storage;

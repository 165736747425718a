/**
 * Leases on runs, datasets and grid evaluations under a storage root, held across processes and hosts with each
 * file system's atomic create ({@code link(2)} on {@code file://}, rename on {@code hdfs://}, a conditional PUT on
 * {@code s3a://}): an owner, renewals from a daemon thread, a time to live, and take-over of a lapsed lease by the
 * next generation. docs/concurrency.md says what each file system guarantees.
 *
 * <p>May use: config, storage.
 */
package lab.abacus.lease;

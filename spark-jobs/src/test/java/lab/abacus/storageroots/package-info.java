/**
 * Tests of what a storage root promises on file systems other than the local one, against real servers on
 * 127.0.0.1: leases on {@code hdfs://} (MiniDFS) and {@code s3a://} (s3proxy).
 */
package lab.abacus.storageroots;

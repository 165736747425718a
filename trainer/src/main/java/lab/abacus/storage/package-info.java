/**
 * The storage root: {@link lab.abacus.storage.StorageRef} (root URI + Hadoop settings, the one way a root travels
 * to a task, a trainer process or a container) and {@link lab.abacus.storage.Storage} (its layout
 * {@code datasets/}, {@code runs/}, {@code tables/}, {@code sweeps/} on any Hadoop file system, and the atomic-write
 * primitive every writer uses: write under a hidden temporary name, then make it visible in one step).
 *
 * <p>May use: config.
 */
package lab.abacus.storage;

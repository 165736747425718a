package org.apache.hadoop.fs;

import java.io.IOException;

/**
 * The {@link FSError} Hadoop's local file system throws when the disk is full. Its constructor is package-private,
 * so tests that report a full disk exactly as the local file system does make it here.
 */
public final class DiskFull {

    private DiskFull() {}

    public static FSError error(String where) {
        return new FSError(new IOException("No space left on device: " + where));
    }
}

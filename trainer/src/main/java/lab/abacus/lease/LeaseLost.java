package lab.abacus.lease;

import org.apache.hadoop.fs.Path;

/** This process's lease was taken over by another one after this one stalled: it must write nothing more. */
public final class LeaseLost extends RuntimeException {

    public LeaseLost(Path lease, String holder) {
        super("lease " + lease + " was taken over by " + holder + " after this process stopped renewing it");
    }
}

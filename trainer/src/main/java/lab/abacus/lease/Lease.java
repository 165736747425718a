package lab.abacus.lease;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held lease ({@link Leases}). A daemon thread renews it every heartbeat, so a long step or a long Spark job
 * never lets it lapse while the process lives; {@link #note} changes what the next renewal says (a trainer's step).
 * Before a write that must not happen twice (a checkpoint, a final row) the holder calls {@link #checkHeld()}.
 * {@link #close()} releases it.
 */
public final class Lease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

    private final Leases leases;
    private final Path dir;
    private final LeaseRecord acquired;
    private final ScheduledExecutorService keeper;
    private final ScheduledFuture<?> renewals;
    private volatile String note;
    private volatile String lostTo;
    private long beats;

    Lease(Leases leases, Path dir, LeaseRecord acquired, Duration heartbeat) {
        this.leases = leases;
        this.dir = dir;
        this.acquired = acquired;
        this.note = acquired.note();
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "abacus-lease-" + dir.getName());
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, heartbeat.toMillis());
        this.renewals = keeper.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** The owner token this lease was taken with. */
    public String owner() {
        return acquired.owner();
    }

    public long generation() {
        return acquired.generation();
    }

    /** What the next renewal records, e.g. {@code step 400}. */
    public void note(String text) {
        note = text;
    }

    /** Renew now: a new renewal file with the current note. Throws {@link LeaseLost} when taken over. */
    public synchronized void renew() {
        checkHeld();
        leases.writeBeat(dir, acquired.renewed(leases.now(), note, false), ++beats);
    }

    /**
     * Throws {@link LeaseLost} when another process has taken the lease over (this one stalled past its time to
     * live, e.g. a long GC pause or a suspended pod): from then on this process must write nothing more.
     */
    public void checkHeld() {
        if (lostTo != null) {
            throw new LeaseLost(dir, lostTo);
        }
        LeaseRecord current = leases.current(dir).orElse(null);
        if (current == null || current.generation() != acquired.generation()) {
            lostTo = current == null ? "nobody (its files were removed)" : current.describe(leases.now());
            throw new LeaseLost(dir, lostTo);
        }
        // Two creators of one generation on a store whose create is not atomic: the file's last writer holds it.
        LeaseRecord creator = leases.creatorOf(dir, acquired.generation()).orElse(acquired);
        if (!creator.owner().equals(acquired.owner())) {
            lostTo = creator.describe(leases.now());
            throw new LeaseLost(dir, lostTo);
        }
    }

    /** Stop renewing and mark the lease released, so that the next process need not wait for it to expire. */
    @Override
    public synchronized void close() {
        renewals.cancel(false);
        keeper.shutdownNow();
        if (lostTo != null) {
            return;
        }
        try {
            checkHeld();
            leases.writeBeat(dir, acquired.renewed(leases.now(), note, true), ++beats);
        } catch (RuntimeException e) {
            // It expires on its own; a failed release only delays the next holder by its time to live.
            LOG.warn("releasing lease {}: {}", dir, e.getMessage());
        }
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (LeaseLost e) {
            LOG.warn(e.getMessage());
            renewals.cancel(false);
        } catch (RuntimeException e) {
            LOG.warn("renewing lease {}: {} (retried at the next heartbeat)", dir, e.getMessage());
        }
    }
}

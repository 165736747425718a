package lab.abacus.lease;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.abacus.storage.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Leases on the things a storage root holds — a run, a dataset, a run's grid evaluation — so that many processes on
 * many hosts (a cron reconciler, a laptop, a replacement pod) can share one root and never work on one thing at once.
 *
 * <p>Layout: {@code <root>/leases/<kind>/<id>/}. Each acquisition creates the next generation's file
 * {@code g-<n>.json} with the file system's exclusive create ({@link ExclusiveCreate}): of two processes that both
 * saw generation n free, exactly one creates {@code g-<n+1>.json}. Generations only grow, so a process that read
 * an old state can never win. The holder renews by writing {@code g-<n>.beat-<k>.json} every heartbeat (a new name
 * each time, so a reader never meets a half-replaced file) and releases by a last beat marked released. A
 * generation is free when it is released or its last renewal is older than its time to live; then anyone may take
 * the next generation over. A holder that stalled past its time to live and was taken over finds a newer generation
 * at its next renewal or {@link Lease#checkHeld()} and stops writing.
 */
public final class Leases {

    private static final Pattern BASE = Pattern.compile("g-(\\d{12})\\.json");
    private static final Pattern BEAT = Pattern.compile("g-(\\d{12})\\.beat-(\\d{12})\\.json");
    private static final String PROCESS = processName();

    private final Storage storage;
    private final Duration ttl;
    private final Duration heartbeat;
    private final Clock clock;

    public Leases(Storage storage, LeaseSettings settings) {
        this(storage, settings.renewEvery(), settings.expireAfter(), Clock.systemUTC());
    }

    /**
     * @param heartbeat how often a holder renews ({@code abacus.lease.renew-every})
     * @param ttl       a lease not renewed for this long is free ({@code abacus.lease.expire-after})
     */
    public Leases(Storage storage, Duration heartbeat, Duration ttl) {
        this(storage, heartbeat, ttl, Clock.systemUTC());
    }

    Leases(Storage storage, Duration heartbeat, Duration ttl, Clock clock) {
        this.storage = storage;
        this.heartbeat = heartbeat;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The kinds of things leased, each a directory under {@code <root>/leases/}. */
    public enum Kind {
        RUN("runs"),
        DATASET("datasets"),
        GRID("grids");

        private final String dir;

        Kind(String dir) {
            this.dir = dir;
        }
    }

    /** Where the lease of {@code id} lives. */
    public Path dir(Kind kind, String id) {
        return new Path(new Path(new Path(storage.root(), "leases"), kind.dir), id);
    }

    /** The current generation's state (empty when never leased); never changes anything. */
    public Optional<LeaseRecord> peek(Kind kind, String id) {
        return current(dir(kind, id));
    }

    /** Whether a live holder has {@code id} now. */
    public boolean held(Kind kind, String id) {
        return peek(kind, id).filter(r -> r.live(clock.instant())).isPresent();
    }

    /** Take the lease unless a live holder has it; {@code note} says what for (e.g. "step 0"). */
    public Optional<Lease> tryAcquire(Kind kind, String id, String note) {
        Path dir = dir(kind, id);
        Optional<LeaseRecord> current = current(dir);
        Instant now = clock.instant();
        if (current.isPresent() && current.get().live(now)) {
            return Optional.empty();
        }
        long generation = current.map(LeaseRecord::generation).orElse(0L) + 1;
        LeaseRecord mine = new LeaseRecord(owner(), generation, now, now, ttl, note, false);
        try {
            if (!ExclusiveCreate.create(storage, base(dir, generation), bytes(mine))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("taking lease " + dir + ": " + e.getMessage(), e);
        }
        // A store without atomic creates lets the last writer win: the file must still be ours.
        if (!current(dir).map(r -> r.owner().equals(mine.owner())).orElse(false)) {
            return Optional.empty();
        }
        removeOlderThan(dir, generation);
        return Optional.of(new Lease(this, dir, mine, heartbeat));
    }

    /**
     * Take the lease, waiting while a live holder has it (polling, with {@code waiting} told who holds it at first
     * and then every minute) for at most {@code maxWait}; empty if it is still held then.
     */
    public Optional<Lease> acquire(Kind kind, String id, String note, Duration maxWait, Consumer<LeaseRecord> waiting) {
        return acquire(kind, id, note, maxWait, waiting, () -> false);
    }

    /** {@link #acquire(Kind, String, String, Duration, Consumer)} that also gives up as soon as {@code giveUp} says so. */
    public Optional<Lease> acquire(
            Kind kind,
            String id,
            String note,
            Duration maxWait,
            Consumer<LeaseRecord> waiting,
            BooleanSupplier giveUp) {
        Instant deadline = clock.instant().plus(maxWait);
        Instant nextTell = Instant.MIN;
        long pollMillis = 200;
        while (true) {
            Optional<Lease> lease = tryAcquire(kind, id, note);
            if (lease.isPresent()) {
                return lease;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline) || giveUp.getAsBoolean()) {
                return Optional.empty();
            }
            Optional<LeaseRecord> holder = peek(kind, id);
            if (holder.isPresent() && !now.isBefore(nextTell)) {
                waiting.accept(holder.get());
                nextTell = now.plus(Duration.ofMinutes(1));
            }
            sleep(Math.min(
                    pollMillis, Math.max(1, Duration.between(now, deadline).toMillis())));
            pollMillis = Math.min(pollMillis * 2, Math.max(200, heartbeat.toMillis() / 4));
        }
    }

    /** The current generation of {@code dir} with its latest renewal, if any. */
    Optional<LeaseRecord> current(Path dir) {
        List<FileStatus> files = list(dir);
        long generation = -1;
        long modified = 0;
        for (FileStatus f : files) {
            Matcher m = BASE.matcher(f.getPath().getName());
            if (m.matches() && Long.parseLong(m.group(1)) > generation) {
                generation = Long.parseLong(m.group(1));
                modified = f.getModificationTime();
            }
        }
        if (generation < 0) {
            return Optional.empty();
        }
        Optional<LeaseRecord> base = read(base(dir, generation));
        if (base.isEmpty()) {
            // Being written (an object store shows it at once) or torn by a crash: held as of its file's time.
            Instant at = Instant.ofEpochMilli(modified);
            return Optional.of(new LeaseRecord("?", generation, at, at, ttl, "unreadable lease file", false));
        }
        return Optional.of(latestBeat(files, dir, generation).orElse(base.get()));
    }

    /** The record generation {@code generation}'s own file holds (whoever created it: on a store without atomic
     * creates, the last of two creators). */
    Optional<LeaseRecord> creatorOf(Path dir, long generation) {
        return read(base(dir, generation));
    }

    private Optional<LeaseRecord> latestBeat(List<FileStatus> files, Path dir, long generation) {
        List<Long> beats = new ArrayList<>();
        for (FileStatus f : files) {
            Matcher m = BEAT.matcher(f.getPath().getName());
            if (m.matches() && Long.parseLong(m.group(1)) == generation) {
                beats.add(Long.parseLong(m.group(2)));
            }
        }
        beats.sort(java.util.Comparator.reverseOrder());
        for (long k : beats) {
            Optional<LeaseRecord> r = read(beat(dir, generation, k));
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** Write renewal {@code k} of {@code record}'s generation (a new file), then drop renewal {@code k - 1}. */
    void writeBeat(Path dir, LeaseRecord record, long k) {
        storage.writeString(beat(dir, record.generation(), k), record.toJson());
        if (k > 1) {
            storage.deleteQuietly(beat(dir, record.generation(), k - 1));
        }
    }

    Instant now() {
        return clock.instant();
    }

    private void removeOlderThan(Path dir, long generation) {
        for (FileStatus f : list(dir)) {
            Matcher base = BASE.matcher(f.getPath().getName());
            Matcher beat = BEAT.matcher(f.getPath().getName());
            long g = base.matches()
                    ? Long.parseLong(base.group(1))
                    : beat.matches() ? Long.parseLong(beat.group(1)) : -1;
            if (g >= 0 && g < generation) {
                storage.deleteQuietly(f.getPath());
            }
        }
    }

    private Optional<LeaseRecord> read(Path file) {
        try {
            return Optional.of(LeaseRecord.fromJson(storage.readString(file)));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<FileStatus> list(Path dir) {
        try {
            return List.of(storage.fs().listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("listing lease " + dir + ": " + e.getMessage(), e);
        }
    }

    static Path base(Path dir, long generation) {
        return new Path(dir, String.format("g-%012d.json", generation));
    }

    private static Path beat(Path dir, long generation, long k) {
        return new Path(dir, String.format("g-%012d.beat-%012d.json", generation, k));
    }

    private static byte[] bytes(LeaseRecord r) {
        return r.toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** This process ({@code host/pid}) and a fresh token: every acquisition is a different owner. */
    private static String owner() {
        return PROCESS + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code host/pid}; the host from the environment (a pod's name), never from a name lookup. */
    private static String processName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "localhost" : host) + "/"
                + ProcessHandle.current().pid();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lease", e);
        }
    }
}

package lab.abacus.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lab.abacus.lease.Leases.Kind;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases on a file:// root: one holder at a time under contention, renewal, release, take-over, fencing. */
class LeasesTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    java.nio.file.Path tmp;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    private Storage storage() {
        return StorageRef.of(tmp.toString()).open();
    }

    @Test
    void ofManyProcessesRacingForOneLeaseExactlyOneWinsEveryRound() throws Exception {
        Leases leases = new Leases(storage(), HOUR, Duration.ofMinutes(3));
        int threads = 8;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Optional<Lease>>> tries = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        return leases.tryAcquire(Kind.RUN, "contended", "race");
                    }));
                }
                List<Lease> winners = new ArrayList<>();
                for (Future<Optional<Lease>> f : tries) {
                    f.get().ifPresent(winners::add);
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(winners.get(0).generation()).isEqualTo(round + 1);
                winners.get(0).close();
            }
        } finally {
            pool.shutdownNow();
        }
        // only the newest generation is kept
        try (var files = Files.list(tmp.resolve("leases/runs/contended"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("g-")))
                    .allMatch(n -> n.startsWith(String.format("g-%012d", rounds)));
        }
    }

    @Test
    void aLiveHolderKeepsItAReleasedLeaseIsFreeAtOnce() {
        Leases leases = new Leases(storage(), HOUR, Duration.ofMinutes(3));
        Lease a = leases.tryAcquire(Kind.DATASET, "d1", "generating").orElseThrow();
        assertThat(leases.held(Kind.DATASET, "d1")).isTrue();
        assertThat(leases.tryAcquire(Kind.DATASET, "d1", "second")).isEmpty();
        assertThat(leases.held(Kind.DATASET, "d2")).isFalse();
        a.note("step 7");
        a.renew();
        LeaseRecord seen = leases.peek(Kind.DATASET, "d1").orElseThrow();
        assertThat(seen.owner()).isEqualTo(a.owner());
        assertThat(seen.note()).isEqualTo("step 7");
        a.close();
        assertThat(leases.held(Kind.DATASET, "d1")).isFalse();
        Lease b = leases.tryAcquire(Kind.DATASET, "d1", "next").orElseThrow();
        assertThat(b.generation()).isEqualTo(2);
        b.close();
    }

    @Test
    void aLapsedLeaseIsTakenOverAndItsStalledHolderFindsOut() {
        TestClock clock = new TestClock();
        Leases leases = new Leases(storage(), HOUR, Duration.ofMinutes(3), clock);
        Lease stalled = leases.tryAcquire(Kind.RUN, "r1", "step 10").orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        assertThat(leases.tryAcquire(Kind.RUN, "r1", "too early")).isEmpty();
        clock.advance(Duration.ofMinutes(2)); // 4 min without a renewal: past its 3 min to live
        Lease next = leases.tryAcquire(Kind.RUN, "r1", "resume").orElseThrow();
        assertThat(next.generation()).isEqualTo(2);
        assertThatThrownBy(stalled::checkHeld).isInstanceOf(LeaseLost.class).hasMessageContaining(next.owner());
        assertThatThrownBy(stalled::renew).isInstanceOf(LeaseLost.class);
        stalled.close(); // must not release the new holder's lease
        assertThat(leases.peek(Kind.RUN, "r1").orElseThrow().owner()).isEqualTo(next.owner());
        assertThat(leases.held(Kind.RUN, "r1")).isTrue();
        next.checkHeld();
        next.close();
    }

    @Test
    void renewalsKeepALeaseAliveBeyondItsTimeToLive() {
        TestClock clock = new TestClock();
        Leases leases = new Leases(storage(), HOUR, Duration.ofMinutes(3), clock);
        Lease a = leases.tryAcquire(Kind.GRID, "g", "cells").orElseThrow();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(2));
            a.renew();
            assertThat(leases.tryAcquire(Kind.GRID, "g", "other")).isEmpty();
        }
        a.close();
    }

    @Test
    void aWaiterIsToldWhoHoldsTheLeaseAndGetsItWhenReleased() throws Exception {
        Leases leases = new Leases(storage(), HOUR, Duration.ofMinutes(3));
        Lease holder = leases.tryAcquire(Kind.DATASET, "d", "generating").orElseThrow();
        List<String> told = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Lease>> waiter = pool.submit(() ->
                    leases.acquire(Kind.DATASET, "d", "waiting", Duration.ofSeconds(20), r -> told.add(r.owner())));
            Thread.sleep(500);
            holder.close();
            Lease got = waiter.get().orElseThrow();
            assertThat(told).containsExactly(holder.owner());
            got.close();
        } finally {
            pool.shutdownNow();
        }
        // and one that may not wait long gives up
        Lease again = leases.tryAcquire(Kind.DATASET, "d", "x").orElseThrow();
        AtomicInteger calls = new AtomicInteger();
        assertThat(leases.acquire(Kind.DATASET, "d", "y", Duration.ofMillis(300), r -> calls.incrementAndGet()))
                .isEmpty();
        assertThat(calls.get()).isEqualTo(1);
        again.close();
    }

    @Test
    void anUnreadableLeaseFileCountsAsHeldUntilItsTimeToLivePasses() throws Exception {
        TestClock clock = new TestClock();
        Storage storage = storage();
        Leases leases = new Leases(storage, HOUR, Duration.ofMinutes(3), clock);
        java.nio.file.Path dir = tmp.resolve("leases/runs/torn");
        Files.createDirectories(dir);
        java.nio.file.Path file = dir.resolve(String.format("g-%012d.json", 4));
        Files.writeString(file, "{\"owner\":\"crashed", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(clock.instant()));
        assertThat(leases.tryAcquire(Kind.RUN, "torn", "x")).isEmpty();
        clock.advance(Duration.ofMinutes(4));
        Lease after = leases.tryAcquire(Kind.RUN, "torn", "x").orElseThrow();
        assertThat(after.generation()).isEqualTo(5);
        after.close();
    }
}

package lab.abacus.storageroots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import lab.abacus.lease.Lease;
import lab.abacus.lease.LeaseLost;
import lab.abacus.lease.Leases;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.MiniHdfs;
import lab.abacus.testing.S3Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes taking one lease at the same moment on each file system's own atomic primitive: exactly one wins
 * every round, and the next round (after the winner releases) has exactly one winner again.
 */
class LeaseRaceTest {

    private static final int CONTENDERS = 6;
    private static final int ROUNDS = 15;

    @TempDir
    Path tmp;

    @Test
    void oneWinnerPerRoundOnHdfs() throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            StorageRef ref = StorageRef.of(hdfs.uri("root"));
            race(ref, won -> assertThat(won).as("winners on %s", ref.root()).hasSize(1));
        }
    }

    /**
     * s3proxy 2.6 (filesystem backend) checks {@code If-None-Match: *} and then writes, not atomically: two PUTs at
     * the same moment may both succeed, and both creators may read their own record back before the other's write
     * lands. What must hold is that only one of them keeps the lease once it checks before writing anything
     * (every writer does, {@link Lease#checkHeld()}); a store with atomic conditional writes (AWS S3, MinIO) never
     * lets two in at all.
     */
    @Test
    void atMostOneHolderPerRoundOnS3aOnceTheyCheck() throws Exception {
        try (S3Proxy s3 = S3Proxy.start(tmp)) {
            StorageRef ref = new StorageRef("s3a://" + s3.bucket() + "/root", s3.hadoop());
            race(ref, won -> {
                assertThat(won).isNotEmpty();
                List<Lease> kept = won.stream().filter(LeaseRaceTest::stillHeld).toList();
                assertThat(kept).as("holders after checking on %s", ref.root()).hasSize(1);
            });
        }
    }

    private static boolean stillHeld(Lease lease) {
        try {
            lease.checkHeld();
            return true;
        } catch (LeaseLost e) {
            return false;
        }
    }

    private static void race(StorageRef ref, Consumer<List<Lease>> check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "run-" + (round / 3); // three rounds per id: a fresh lease, then two takeovers
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<Lease>>> tries = new ArrayList<>();
                for (int c = 0; c < CONTENDERS; c++) {
                    String who = "contender " + c;
                    Leases leases = new Leases(ref.open(), Duration.ofSeconds(30), Duration.ofMinutes(3));
                    tries.add(pool.submit(() -> {
                        go.await();
                        return leases.tryAcquire(Leases.Kind.RUN, id, who);
                    }));
                }
                go.countDown();
                List<Lease> won = new ArrayList<>();
                for (Future<Optional<Lease>> t : tries) {
                    t.get().ifPresent(won::add);
                }
                check.accept(won);
                won.forEach(Lease::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

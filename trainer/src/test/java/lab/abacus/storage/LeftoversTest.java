package lab.abacus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    @TempDir
    java.nio.file.Path tmp;

    private static Path staging(Storage s, Path target, Instant modified) throws Exception {
        Path p = Storage.stagingSibling(target);
        s.fs().mkdirs(p.getParent());
        s.fs().create(p).close();
        s.fs().setTimes(p, modified.toEpochMilli(), -1);
        return p;
    }

    @Test
    void stagingFilesOlderThanTheExpiryAreLeftoversAndFreshOnesAreWritesInProgress() throws Exception {
        Storage s = StorageRef.of(tmp.toString()).open();
        Instant old = Instant.now().minus(Duration.ofHours(2));
        Path table = staging(s, new Path(s.table("runs"), "part-1.parquet"), old);
        Path attempt = staging(s, new Path(s.run("r1"), "attempts"), old);
        Path report = staging(s, new Path(new Path(s.sweep("sw"), "report"), "summary.md"), old);
        Path fresh = staging(s, new Path(s.table("metrics"), "part-2.parquet"), Instant.now());
        s.writeString(new Path(s.table("runs"), "visible.parquet"), "not staging");
        s.fs().setTimes(new Path(s.table("runs"), "visible.parquet"), old.toEpochMilli(), -1);

        assertThat(Leftovers.find(s, Duration.ofMinutes(3))).containsExactlyInAnyOrder(table, attempt, report);
        assertThat(Leftovers.find(s, Duration.ofHours(3))).isEmpty();
        assertThat(Storage.isStaging(fresh)).isTrue();
    }
}

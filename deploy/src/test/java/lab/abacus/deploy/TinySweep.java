package lab.abacus.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.abacus.orchestration.TinySweeps;
import lab.abacus.run.FrozenPlan;
import lab.abacus.run.RunPoint;
import lab.abacus.sweep.RunSpec;
import lab.abacus.sweep.SweepSpec;

/**
 * The tests' tiny sweep ({@link TinySweeps}: one libtorch thread, so a resumed run equals an uninterrupted one bit
 * for bit) with short leases, so that a replacement takes over a killed trainer's run within seconds, and the plan
 * file a pod would see.
 */
final class TinySweep {

    private TinySweep() {}

    /**
     * @param steps  training steps of every point
     * @param extra  more settings after the {@code abacus { }} block, with their full keys
     */
    static Path write(Path dir, String name, String root, int steps, String grid, String extra) {
        return TinySweeps.write(
                dir,
                name,
                root,
                grid,
                "[1]",
                1,
                steps,
                5,
                "abacus.lease { renew-every = 1s, expire-after = 6s }\n" + extra);
    }

    static List<RunPoint> points(Path sweepFile) {
        return SweepSpec.load(sweepFile, List.of()).points().stream()
                .map(RunSpec::point)
                .toList();
    }

    /** The plan file of {@code points} in {@code dir}, as a plan ConfigMap's volume shows it to a pod. */
    static Path planDir(Path dir, List<RunPoint> points) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FrozenPlan.FILE), FrozenPlan.of(points).encode());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

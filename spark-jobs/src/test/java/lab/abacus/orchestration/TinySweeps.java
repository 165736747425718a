package lab.abacus.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files for tests: the smallest model, dataset and budget that go through every stage in seconds. */
public final class TinySweeps {

    private TinySweeps() {}

    /**
     * A self-contained sweep file: 1..2-digit addition, a grid of 1..3 x 1..3 digits, hidden 16 / 1 layer, 6 steps
     * with a checkpoint every 2, one libtorch thread (bit-reproducible resume).
     *
     * @param grid the {@code sweep.grid} body, e.g. {@code "model.embedding" = [abacus, nope]}
     */
    public static Path write(Path dir, String name, String root, String grid, String seeds, int maxRetries) {
        return write(dir, name, root, grid, seeds, maxRetries, 6, 2, "");
    }

    /**
     * The same with {@code steps} of training, a checkpoint every {@code checkpointEvery} steps, and {@code extra}
     * settings after the {@code abacus { }} block (full keys, e.g. a launcher section).
     */
    public static Path write(
            Path dir,
            String name,
            String root,
            String grid,
            String seeds,
            int maxRetries,
            int steps,
            int checkpointEvery,
            String extra) {
        String text = """
                abacus {
                  storage.root = "%s"
                  data {
                    task = addition
                    train { len-a = 2, len-b = 2, rows = 400 }
                    eval { len-a-from = 1, len-a-to = 3, len-b-from = 1, len-b-to = 3, samples = 2, diagonal-to = 0 }
                    shards = 1
                    eval-shards = 1
                  }
                  model {
                    hidden = 16
                    intermediate = 32
                    heads = 2
                    layers = 1
                    recurrence = 1
                    architecture = standard
                    abacus.max-k = 2
                  }
                  train {
                    %s
                    batch-size = 8
                    budget { steps = %d, time = "0s" }
                    checkpoint.every-steps = %d
                    metrics-every = 1
                    eval { every = 0, samples = 4, batch = 4 }
                    threads { intra = 1, inter = 1 }
                    progress = false
                  }
                  eval {
                    grids.addition { a = [1, 3], b = [1, 3], diagonal = [] }
                    samples-per-cell = 2
                    partitions = 2
                    flush-cells = 1
                    batch-size = 2
                  }
                  launcher.type = local
                  sweep {
                    name = %s
                    seeds = %s
                    grid { %s }
                    max-retries = %d
                  }
                }
                %s
                """.formatted(
                        root,
                        grid.contains("train.lr") ? "" : "lr = 1e-3",
                        steps,
                        checkpointEvery,
                        name,
                        seeds,
                        grid,
                        maxRetries,
                        extra);
        try {
            Path f = dir.resolve(name + ".conf");
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

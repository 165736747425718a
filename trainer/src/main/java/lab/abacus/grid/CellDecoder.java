package lab.abacus.grid;

import java.io.Serializable;
import java.util.List;

/**
 * Greedy decoding as the grid needs it: a batch of prompts of equal token length in, one continuation per prompt
 * out (generated ids only, at most {@code maxNewTokens}, possibly stopping early once every row emitted EOS).
 * Opened once per partition by a {@link Loader} and closed when the partition is done.
 */
public interface CellDecoder extends AutoCloseable {

    List<int[]> greedy(List<int[]> prompts, int maxNewTokens);

    @Override
    default void close() {}

    /** Opens the model (e.g. the run's latest checkpoint from the storage path) in the executor. */
    @FunctionalInterface
    interface Loader extends Serializable {
        CellDecoder open();

        /** The same loader on GPU {@code index} (the device a Spark task was assigned); loaders of test models ignore it. */
        default Loader onGpu(int index) {
            return this;
        }
    }
}

package lab.abacus.data;

/**
 * Where the training stream stands: the epoch (whose shuffle is a pure function of seed and epoch) and the offset
 * of the next row within that epoch's permutation. Saved in checkpoints so a resumed run reads the same rows.
 */
public record DataPosition(long epoch, long offset) {

    public static final DataPosition START = new DataPosition(0, 0);
}

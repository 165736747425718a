package lab.abacus.run;

/** A checkpoint whose files do not match what its state says (a torn or altered file), or none usable at all. */
public final class CorruptCheckpoint extends RuntimeException {

    public CorruptCheckpoint(String message) {
        super(message);
    }
}

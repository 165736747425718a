package lab.abacus.task;

/** A part-of-speech dictionary in McCoy's format for tests: a few words of his lexicon, written here, not his file. */
public final class TenseTags {

    private TenseTags() {}

    public static final String DICTIONARY = String.join(
            "\n",
            "SOS\t",
            "PRESENT\tG",
            "the\tD",
            "her\tD",
            "some\tD",
            "newt\tN",
            "newts\tN",
            "yak\tN",
            "yaks\tN",
            "giggle\tV",
            "giggles\tV",
            "giggled\tV",
            "amuse\tV",
            "amuses\tV",
            "amused\tV",
            "entertain\tV",
            "entertains\tV",
            "entertained\tV",
            "near\tP",
            "who\tR",
            "that\tR",
            ".\tT",
            "");
}

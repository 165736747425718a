package lab.abacus.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The structural tasks of Murty et al. (2023), trained as plain language modelling on word-level strings: Dyck-(k, d),
 * generated here, and McCoy et al.'s question formation and tense inflection, ingested from their published files.
 * Each has three splits: {@code train}, {@code val} (in-domain) and {@code gen} (structural generalisation).
 */
public enum StructuralTask {
    DYCK(null, List.of()),
    /** {@code <declarative> . quest|decl<TAB><output>}; gen questions all have a relative clause on the subject. */
    QUESTION_FORMATION(
            "question",
            List.of(
                    "a3e63ea441226643b6fa7341ba8af22721019331",
                    "052004271fbf01dd0f02ad339d0d85fef77ddfc8",
                    "adf8cd0b3fc13e92ed12f6bc536024374c1f7156")),
    /** {@code <past-tense sentence> . PAST|PRESENT<TAB><output>}; gen has a noun of the other number before the verb. */
    TENSE_INFLECTION(
            "tense",
            List.of(
                    "01a299dac719710f91bff6346f3218b4063d98e6",
                    "1bf83b37ca8beaae30bcd767baef7a1adad877cf",
                    "23d0870c1bde430a65a2191e3661e1373f7966b2"));

    /** The splits every structural dataset has, in this order. */
    public static final List<String> SPLITS = List.of("train", "val", "gen");
    /** McCoy's file suffix for each of {@link #SPLITS}: his {@code .dev} is the in-domain set, {@code .gen} the test. */
    public static final List<String> SOURCE_SUFFIXES = List.of("train", "dev", "gen");

    private final String sourcePrefix;
    private final List<String> publishedGitBlobs;

    StructuralTask(String sourcePrefix, List<String> publishedGitBlobs) {
        this.sourcePrefix = sourcePrefix;
        this.publishedGitBlobs = publishedGitBlobs;
    }

    /** Config spelling, e.g. {@code question-formation}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The structural task a config name spells, or empty (an arithmetic task, or a typo). */
    public static Optional<StructuralTask> named(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    /** Whether the task's data comes from McCoy's files (otherwise it is generated). */
    public boolean ingested() {
        return sourcePrefix != null;
    }

    /** The source file of split {@code i} of {@link #SPLITS}, e.g. {@code question.dev}. */
    public String sourceFile(int split) {
        if (!ingested()) {
            throw new IllegalStateException(configName() + " is generated, not read from files");
        }
        return sourcePrefix + "." + SOURCE_SUFFIXES.get(split);
    }

    /** Git blob SHA-1 of split {@code i}'s file in McCoy's repository (commit f34a87c4), to check a download. */
    public String publishedGitBlob(int split) {
        return publishedGitBlobs.get(split);
    }

    /**
     * The part-of-speech dictionary the task's scorer reads, from the top of McCoy's repository: tense inflection's
     * main-verb rule needs it ({@code pos_tense.txt}); the other tasks need none.
     */
    public Optional<String> partsOfSpeechFile() {
        return this == TENSE_INFLECTION ? Optional.of("pos_tense.txt") : Optional.empty();
    }

    /** Git blob SHA-1 of {@link #partsOfSpeechFile()} in McCoy's repository (commit f34a87c4). */
    public String publishedPartsOfSpeechBlob() {
        return partsOfSpeechFile()
                .map(f -> "afc2bc46316196eaaa914233ebbd1ca1a5424828")
                .orElseThrow(() -> new IllegalStateException(configName() + " reads no part-of-speech file"));
    }

    /** The words that end a McCoy input and name the transformation: {@code quest, decl} or {@code PRESENT, PAST}. */
    public List<String> taskMarkers() {
        return switch (this) {
            case DYCK -> List.of();
            case QUESTION_FORMATION -> List.of("quest", "decl");
            case TENSE_INFLECTION -> List.of("PRESENT", "PAST");
        };
    }
}

package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tense inflection's main-verb rule on hand-built sentences, tagged by {@link TenseTags}.
 */
class MainVerbRuleTest {

    private static final PartsOfSpeech TAGS = PartsOfSpeech.parse(TenseTags.DICTIONARY);

    private static List<String> words(String s) {
        return List.of(s.split(" ", -1));
    }

    private static boolean right(String target, String predicted) {
        return McCoyRules.mainVerbRight(
                McCoyRules.withoutFullStop(words(target)), McCoyRules.withoutFullStop(words(predicted)), TAGS);
    }

    @Test
    void theDictionaryIsReadAsTheReleasedReaderReadsIt() {
        assertThat(TAGS.tags())
                .containsEntry("newts", "N")
                .containsEntry("who", "R")
                .containsEntry("SOS", "");
        assertThat(TAGS.of(words("the newt giggles"))).contains(List.of("D", "N", "V"));
        assertThat(TAGS.of(words("the newt sings"))).isEmpty();
        assertThatThrownBy(() -> PartsOfSpeech.parse("the\tD\nnewt N\n"))
                .isInstanceOfSatisfying(
                        PartsOfSpeech.LineError.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("no tab");
    }

    @Test
    void aPrepositionalSubjectIsScoredOnTheFirstVerb() {
        // the linear rule agrees with "yaks"; the hierarchical rule with "newt"
        String target = "the newt near the yaks giggles .";
        assertThat(right(target, "the newt near the yaks giggles .")).isTrue();
        assertThat(right(target, "the newt near the yaks giggle .")).isFalse();
        // the main verb right but a word elsewhere changed (same tags): still right, as in the released rule
        assertThat(right(target, "the newt near the yak giggles .")).isTrue();
        // a final full stop is not compared
        assertThat(right(target, "the newt near the yaks giggles")).isTrue();
    }

    @Test
    void aRelativeClauseOnTheSubjectMakesTheSecondVerbTheMainOne() {
        String target = "the newt who the yaks amuse giggles .";
        assertThat(right(target, "the newt who the yaks amuse giggles .")).isTrue();
        assertThat(right(target, "the newt who the yaks amuses giggles .")).isTrue(); // the clause's verb is not scored
        assertThat(right(target, "the newt who the yaks amuse giggle .")).isFalse();
        assertThat(McCoyRules.mainVerb(List.of("D", "N", "R", "D", "N", "V", "V")))
                .isEqualTo(6);
        assertThat(McCoyRules.mainVerb(List.of("D", "N", "P", "D", "N", "V"))).isEqualTo(5);
        assertThat(McCoyRules.mainVerb(List.of("D", "N"))).isEqualTo(-1);
    }

    @Test
    void anOutputOfOtherTagsOrUnknownWordsIsWrong() {
        String target = "the newt giggles .";
        assertThat(right(target, "the newt near giggles .")).isFalse(); // longer
        assertThat(right(target, "the newt the .")).isFalse(); // D N D, not D N V
        assertThat(right(target, "the newt <eos> .")).isFalse(); // no tag
        assertThat(right(target, "")).isFalse();
    }
}

package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** McCoy's line format for both tasks, and what is wrong with a malformed line. */
class McCoyLineTest {

    @Test
    void aQuestionLineSplitsAtTheTab() {
        McCoyLine line = McCoyLine.parse(
                StructuralTask.QUESTION_FORMATION,
                "the newt that does giggle doesn't read . quest\tdoesn't the newt that does giggle read ?");
        assertThat(line.marker()).isEqualTo("quest");
        assertThat(line.input()).isEqualTo("the newt that does giggle doesn't read . quest");
        assertThat(line.text())
                .isEqualTo("the newt that does giggle doesn't read . quest doesn't the newt that does giggle read ?");
        assertThat(McCoyLine.parse(StructuralTask.QUESTION_FORMATION, "her yak does swim . decl\ther yak does swim .\r")
                        .output())
                .isEqualTo("her yak does swim .");
    }

    @Test
    void aTenseLineSplitsAtTheTab() {
        McCoyLine line = McCoyLine.parse(
                StructuralTask.TENSE_INFLECTION,
                "some unicorns upon our unicorn entertained the ravens . PRESENT\t"
                        + "some unicorns upon our unicorn entertain the ravens .");
        assertThat(line.marker()).isEqualTo("PRESENT");
        assertThat(line.output()).isEqualTo("some unicorns upon our unicorn entertain the ravens .");
    }

    @Test
    void malformedLinesSayWhatIsWrong() {
        StructuralTask qf = StructuralTask.QUESTION_FORMATION;
        assertThatThrownBy(() -> McCoyLine.parse(qf, "her yak does swim . quest"))
                .hasMessageContaining("no tab");
        assertThatThrownBy(() -> McCoyLine.parse(qf, "a . quest\tb ?\tc ?")).hasMessageContaining("more than one tab");
        assertThatThrownBy(() -> McCoyLine.parse(qf, "her yak does swim . PAST\ther yak did swim ."))
                .hasMessageContaining("'PAST', not one of quest / decl");
        assertThatThrownBy(() -> McCoyLine.parse(qf, "her yak does swim quest\tdoes her yak swim ?"))
                .hasMessageContaining("not '<words> . quest'");
        assertThatThrownBy(() -> McCoyLine.parse(qf, "her yak does swim . quest\tdoes her yak swim ."))
                .hasMessageContaining("ending with '?'");
        assertThatThrownBy(() -> McCoyLine.parse(StructuralTask.TENSE_INFLECTION, ""))
                .hasMessageContaining("no tab");
    }
}

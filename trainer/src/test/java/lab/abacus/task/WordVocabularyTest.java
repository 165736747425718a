package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Word ids after the four special ones, unknown words, and the round trip. */
class WordVocabularyTest {

    @Test
    void wordsTakeTheIdsAfterTheSpecialOnes() {
        WordVocabulary v = new WordVocabulary(DyckString.words(2));
        assertThat(v.size()).isEqualTo(8);
        assertThat(v.encode("(a (b b) a)")).containsExactly(4, 5, 7, 6);
        assertThat(v.encode("(a (z")).containsExactly(4, Vocabulary.UNK);
        assertThat(v.decode(new int[] {Vocabulary.BOS, 4, 6, Vocabulary.EOS, Vocabulary.PAD}))
                .isEqualTo("(a a)");
        assertThat(v.decode(new int[] {4, Vocabulary.UNK})).isEqualTo("(a <unk>");
        assertThat(v.encode("")).isEmpty();
    }

    @Test
    void aWordListedTwiceIsRefused() {
        assertThatThrownBy(() -> new WordVocabulary(List.of("do", "does", "do")))
                .hasMessageContaining("'do' appears twice");
    }
}

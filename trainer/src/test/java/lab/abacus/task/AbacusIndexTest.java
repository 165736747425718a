package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Golden values from abacus-reference §1.2: 123 + 4567 = 4690 written reversed as {@code 321+7654=0964}. */
class AbacusIndexTest {

    @Test
    void workedExampleTokenIdsAndAbacusIndices() {
        int[] ids = Vocabulary.PAD_TOKENIZER.encodeExample("321+7654=", "0964");
        assertThat(ids).containsExactly(7, 6, 5, 14, 11, 10, 9, 8, 17, 4, 13, 10, 8, 3);
        int[] padded = java.util.Arrays.copyOf(ids, 15); // one trailing PAD as in the reference table
        assertThat(AbacusIndex.of(padded)).containsExactly(1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 0);
    }

    @Test
    void vocabularySizesAndSpecialIds() {
        assertThat(Vocabulary.PAD_TOKENIZER.size()).isEqualTo(19);
        assertThat(Vocabulary.SORT_TOKENIZER.size()).isEqualTo(118);
        assertThat(Vocabulary.PAD_TOKENIZER.id(' ')).isEqualTo(Vocabulary.PAD);
        assertThat(Vocabulary.PAD_TOKENIZER.id('?')).isEqualTo(Vocabulary.UNK);
        assertThat(Vocabulary.SORT_TOKENIZER.id('Q')).isEqualTo(34);
        assertThat(Vocabulary.SORT_TOKENIZER.id(',')).isEqualTo(15);
        assertThat(Vocabulary.SORT_TOKENIZER.id('ω')).isEqualTo(117);
        for (char d = '0'; d <= '9'; d++) {
            assertThat(Vocabulary.SORT_TOKENIZER.id(d))
                    .isEqualTo(Vocabulary.PAD_TOKENIZER.id(d))
                    .isEqualTo(4 + d - '0');
        }
    }
}

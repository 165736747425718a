package lab.abacus.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Dyck words, depths and component skeletons on hand-built strings. */
class DyckStringTest {

    @Test
    void wordsAreTheFilesSpelling() {
        assertThat(DyckString.words(2)).containsExactly("(a", "(b", "a)", "b)");
        assertThat(DyckString.words(20)).hasSize(40).startsWith("(a").endsWith("t)");
        int[] s = DyckString.parse("(a (b b) a) (c c)", 3);
        assertThat(s).containsExactly(0, 1, 4, 3, 2, 5);
        assertThat(DyckString.text(s, 3)).isEqualTo("(a (b b) a) (c c)");
        assertThat(DyckString.maxDepth(s, 3)).isEqualTo(2);
    }

    @Test
    void aWordOutsideTheLanguageIsNamed() {
        assertThatThrownBy(() -> DyckString.parse("(a (d d) a)", 3))
                .hasMessageContaining("word 2 '(d'")
                .hasMessageContaining("3 types");
        assertThatThrownBy(() -> DyckString.parse("(a x", 3)).hasMessageContaining("word 2 'x'");
    }

    @Test
    void skeletonsArePerTopLevelComponentWithTypesErased() {
        int k = 3;
        long[] two = DyckString.componentSkeletons(DyckString.parse("(a a) (b (c c) b)", k), k);
        assertThat(two).hasSize(2);
        // "10" and "1100" are different skeletons
        assertThat(two[0]).isNotEqualTo(two[1]);
        // the same patterns with other types, and in another string, are the same skeletons
        long[] again = DyckString.componentSkeletons(DyckString.parse("(c (b b) c) (b b) (a a)", k), k);
        assertThat(again).containsExactly(two[1], two[0], two[0]);
        // nesting order matters: "110100" is not "111000" nor "101100"... (here: (a (b b) (c c) a) vs (a (b (c c) b)
        // a))
        long siblings = DyckString.componentSkeletons(DyckString.parse("(a (b b) (c c) a)", k), k)[0];
        long chain = DyckString.componentSkeletons(DyckString.parse("(a (b (c c) b) a)", k), k)[0];
        assertThat(siblings).isNotEqualTo(chain);
        assertThat(DyckString.componentSkeletons(new int[0], k)).isEmpty();
    }

    @Test
    void stringHashesTellStringsApart() {
        int k = 3;
        assertThat(DyckString.hash(DyckString.parse("(a a) (b b)", k)))
                .isEqualTo(DyckString.hash(DyckString.parse("(a a) (b b)", k)))
                .isNotEqualTo(DyckString.hash(DyckString.parse("(b b) (a a)", k)));
    }

    @Test
    void closingTargetsKeepClosesFarEnoughFromTheirOpen() {
        int k = 3;
        // words: 0 (a, 1 (b, 2 (c, 3 c), 4 b), 5 a), 6 (b, 7 b)
        int[] s = DyckString.parse("(a (b (c c) b) a) (b b)", k);
        assertThat(DyckString.closingTargets(s, k, 1)).isDeepEqualTo(new int[][] {
            {3, k + 2}, {4, k + 1}, {5, k}, {7, k + 1}
        });
        // distances: c) 1, b) 3, a) 5, b) 1
        assertThat(DyckString.closingTargets(s, k, 3)).isDeepEqualTo(new int[][] {{4, k + 1}, {5, k}});
        assertThat(DyckString.closingTargets(s, k, 6)).isEmpty();
        assertThat(DyckString.closingTargets(s, k, 0).length).isEqualTo(4);
    }
}

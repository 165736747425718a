package lab.abacus.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Golden values: the SplitMix64 finaliser's published first output, SHA-256's FIPS 180-2 test vector, and the rest
 * from an independent implementation of the documented formulas (Python, 64-bit masked arithmetic). Dataset rows,
 * dataset ids and every training draw depend on these functions: a changed value here changes what stored ids mean.
 */
class HashingTest {

    @Test
    void splitMixFinaliserMatchesTheReference() {
        // SplitMix64 seeded with 0: the state advances by the golden gamma, and the first output is this.
        assertThat(Hashing.mix(0x9E3779B97F4A7C15L)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(Hashing.mix(0)).isZero();
    }

    @Test
    void rowHashOfTheWorkedExample() {
        char[] prompt = "321+7654=".toCharArray();
        assertThat(Hashing.chars(Hashing.SEED, prompt, prompt.length)).isEqualTo(-3365142676143186655L);
        assertThat(Hashing.chars(Hashing.SEED, new char[0], 0)).isEqualTo(-780787492076525413L);
        // only the first `length` chars count
        char[] longer = "321+7654=99".toCharArray();
        assertThat(Hashing.chars(Hashing.SEED, longer, prompt.length)).isEqualTo(-3365142676143186655L);
    }

    @Test
    void datasetAndTrainingSeedsAreTheDocumentedDerivations() {
        assertThat(Hashing.seed(42)).isEqualTo(-7544679174058203999L);
        assertThat(Hashing.seed(42, 1, 3)).isEqualTo(-5157439810905627409L);
        assertThat(Hashing.runSeed(7)).isEqualTo(-621772950581698083L);
        assertThat(Hashing.runSeed(0, 0xABAC, 5, 1)).isEqualTo(5907721024869905601L);
        // the path matters, in order
        assertThat(Hashing.seed(42, 3, 1)).isNotEqualTo(Hashing.seed(42, 1, 3));
        assertThat(Hashing.runSeed(0, 0xABAC, 1, 5)).isNotEqualTo(Hashing.runSeed(0, 0xABAC, 5, 1));
    }

    @Test
    void sha256HexIsTheStandardDigest() {
        assertThat(Hashing.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256().getAlgorithm()).isEqualTo("SHA-256");
    }

    @Test
    void gitBlobIdsAreGitsOwn() {
        // `git hash-object` of an empty file and of "hello\n": ids any git repository has
        assertThat(Hashing.gitBlobSha1(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assertThat(Hashing.gitBlobSha1("hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    }
}

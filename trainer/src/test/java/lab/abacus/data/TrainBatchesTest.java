package lab.abacus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBatchesTest {

    @TempDir
    Path tmp;

    private Storage storage() {
        return StorageRef.of(tmp.toString()).open();
    }

    @Test
    void incompleteDatasetIsRejectedNamingThePath() {
        Storage s = storage();
        TinyDatasets.writeSplit(
                s,
                new org.apache.hadoop.fs.Path(s.dataset("half"), "train"),
                TinyDatasets.addition(1, 2, 2, 3, 1),
                false);
        assertThatThrownBy(() -> SplitReader.open(s, "half"))
                .hasMessageContaining("datasets/half")
                .hasMessageContaining("manifest.json");
    }

    @Test
    void batchesArePaddedToTheDatasetMaximumWithTheLossMaskAfterEquals() {
        Storage s = storage();
        List<TinyDatasets.Row> rows = List.of(
                new TinyDatasets.Row(3, 4, "321+7654=", "0964", 0), // 123 + 4567 = 4690 (reference §1.2 example)
                new TinyDatasets.Row(1, 1, "5+5=", "01", 0));
        TinyDatasets.write(s, "two", rows, null);
        SplitReader ds = SplitReader.open(s, "two");
        assertThat(ds.tokenizer("x")).isEqualTo("pad");
        TrainBatches tb = TrainBatches.load(ds, Vocabulary.PAD_TOKENIZER, 7);
        assertThat(tb.seqLen()).isEqualTo(14); // 13 characters + EOS
        assertThat(tb.maxLenA()).isEqualTo(3);
        assertThat(tb.maxLenB()).isEqualTo(4);
        TrainBatch b = tb.next(2);
        // Find the long row (it may be first or second after shuffling).
        int r = b.tokens()[0] == 7 ? 0 : 1;
        int base = r * 14;
        int[] expected = {7, 6, 5, 14, 11, 10, 9, 8, 17, 4, 13, 10, 8, 3}; // ids of §1.2's worked example
        for (int t = 0; t < 14; t++) {
            assertThat(b.tokens()[base + t]).isEqualTo(expected[t]);
        }
        for (int t = 0; t < 13; t++) {
            assertThat(b.targets()[base + t]).isEqualTo(expected[t + 1]);
            // '=' sits at position 8: positions 8..12 predict 0,9,6,4,EOS
            assertThat(b.mask()[base + t]).isEqualTo(t >= 8 ? 1f : 0f);
        }
        assertThat(b.mask()[base + 13]).isZero();
        int s2 = (1 - r) * 14;
        // "5+5=01" + EOS, padded: mask on positions 3,4,5 (predicting 0, 1, EOS), never on PAD targets.
        for (int t = 0; t < 14; t++) {
            assertThat(b.mask()[s2 + t]).isEqualTo(t >= 3 && t <= 5 ? 1f : 0f);
            if (t >= 7) {
                assertThat(b.tokens()[s2 + t]).isEqualTo(Vocabulary.PAD);
            }
        }
        assertThat(b.targetTokens()).isEqualTo(5 + 3);
    }

    @Test
    void orderIsAShuffledPermutationPerEpochThatSeekReproduces() {
        List<int[]> enc = new ArrayList<>();
        List<Integer> plen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            enc.add(new int[] {4 + i, 17, 4 + i, 3});
            plen.add(2);
        }
        TrainBatches a = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 42);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TrainBatch b = a.next(3);
            for (int r = 0; r < 3; r++) {
                seen.add(b.tokens()[r * 4]);
            }
        }
        // 9 rows of epoch 0 are distinct and not in file order; the 10th (leftover) is dropped.
        assertThat(new HashSet<>(seen)).hasSize(9);
        assertThat(seen).isNotEqualTo(List.of(4, 5, 6, 7, 8, 9, 10, 11, 12));
        assertThat(a.position()).isEqualTo(new DataPosition(0, 9));
        TrainBatch epoch1 = a.next(3);
        assertThat(a.position()).isEqualTo(new DataPosition(1, 3));

        TrainBatches b = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 42);
        b.seek(new DataPosition(0, 9));
        assertThat(b.next(3).tokens()).isEqualTo(epoch1.tokens());
        // another seed: another permutation of the same rows
        TrainBatches fresh = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 42);
        TrainBatches other = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 43);
        List<Integer> order42 = firstTokens(fresh.next(9));
        List<Integer> order43 = firstTokens(other.next(9));
        assertThat(order43).hasSize(9).doesNotHaveDuplicates().isNotEqualTo(order42);
        assertThat(order42).isEqualTo(seen);
        // a later epoch is another permutation too
        TrainBatches again = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 42);
        again.seek(new DataPosition(1, 0));
        assertThat(firstTokens(again.next(9))).isNotEqualTo(order42);
    }

    private static List<Integer> firstTokens(TrainBatch b) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < b.rows(); r++) {
            out.add(b.tokens()[r * b.seqLen()]);
        }
        return out;
    }

    @Test
    void positionsAndBatchSizesAreCheckedAgainstTheSplit() {
        List<int[]> enc = new ArrayList<>();
        List<Integer> plen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            enc.add(new int[] {4 + i, 14, 3});
            plen.add(2);
        }
        TrainBatches tb = TrainBatches.fromEncoded(enc, plen, 4, 1, 1, 5);
        assertThat(tb.rows()).isEqualTo(6);
        tb.seek(new DataPosition(2, 6)); // the end of an epoch is a valid position
        assertThat(tb.next(6).rows()).isEqualTo(6);
        assertThat(tb.position()).isEqualTo(new DataPosition(3, 6));
        assertThatThrownBy(() -> tb.seek(new DataPosition(0, 7))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tb.seek(new DataPosition(0, -1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tb.seek(new DataPosition(-1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tb.next(7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("larger than the train split (6 rows)");
        TrainBatch b = tb.next(6);
        assertThat(b.tokenCount()).isEqualTo(6L * 4);
        assertThatThrownBy(() -> TrainBatches.fromEncoded(List.of(), List.of(), 4, 1, 1, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no rows");
        assertThatThrownBy(() -> TrainBatches.fromEncoded(enc, plen, Short.MAX_VALUE + 1, 1, 1, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("longer than supported");
        assertThat(TrainBatches.fromEncoded(enc, plen, Short.MAX_VALUE, 1, 1, 5).seqLen())
                .isEqualTo(Short.MAX_VALUE);
    }
}

package lab.abacus.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellPackerTest {

    private final CellPacker packer = new CellPacker(DecodeCost.standard());

    @Test
    void paperAdditionGridIn20PartitionsIsBalancedWithin5Percent() {
        GridSpec grid = new GridSpec("addition", 1, 100, 1, 100, 101, 160);
        List<GridCell> cells = grid.cells();
        assertThat(cells).hasSize(100 * 100 + 60);
        List<CellPacker.Bin> bins = packer.pack(cells, 100, CellPacker.DEFAULT_PARTITIONS);
        assertThat(bins).hasSize(20);
        assertThat(CellPacker.imbalance(bins)).isLessThanOrEqualTo(1.05);

        List<CellPacker.Bin> rectOnly =
                packer.pack(GridSpec.rectangle("addition", 100, 100).cells(), 100, 20);
        assertThat(CellPacker.imbalance(rectOnly)).isLessThanOrEqualTo(1.05);
    }

    @Test
    void everyCellLandsInExactlyOnePartitionAndCostsAddUp() {
        List<GridCell> cells = new GridSpec("addition", 1, 30, 1, 30, 31, 40).cells();
        List<CellPacker.Bin> bins = packer.pack(cells, 100, 7);
        Set<GridCell> seen = new HashSet<>();
        double total = 0;
        for (CellPacker.Bin b : bins) {
            for (GridCell c : b.cells()) {
                assertThat(seen.add(c)).as("cell %s packed twice", c).isTrue();
            }
            double sum = b.cells().stream()
                    .mapToDouble(c -> DecodeCost.standard().of(c, 100))
                    .sum();
            assertThat(b.predictedCost()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6 * sum));
            total += sum;
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(cells);
        assertThat(total).isPositive();
    }

    @Test
    void lptBeatsNaiveContiguousSplitAndIsDeterministic() {
        List<GridCell> cells = GridSpec.rectangle("addition", 100, 100).cells();
        // Contiguous row-major chunks of equal cell count: the later rows hold the long cells.
        int p = 20;
        double[] naive = new double[p];
        for (int i = 0; i < cells.size(); i++) {
            naive[i * p / cells.size()] += DecodeCost.standard().of(cells.get(i), 100);
        }
        double naiveMax = 0;
        double naiveSum = 0;
        for (double v : naive) {
            naiveMax = Math.max(naiveMax, v);
            naiveSum += v;
        }
        List<CellPacker.Bin> bins = packer.pack(cells, 100, p);
        assertThat(CellPacker.imbalance(bins)).isLessThan(naiveMax / (naiveSum / p));
        List<GridCell> shuffled = new ArrayList<>(cells);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(packer.pack(shuffled, 100, p)).isEqualTo(bins);
    }

    @Test
    void fewerCellsThanPartitionsGivesOneCellPerPartition() {
        List<GridCell> cells = GridSpec.rectangle("sorting", 2, 2).cells();
        List<CellPacker.Bin> bins = packer.pack(cells, 10, 20);
        assertThat(bins).hasSize(4).allSatisfy(b -> assertThat(b.cells()).hasSize(1));
        assertThat(packer.pack(List.of(), 10, 20)).isEmpty();
    }

    @Test
    void costGrowsWithLengthAndFollowsTheFormula() {
        DecodeCost c = new DecodeCost(0);
        // addition 3x5: P = 10, G = 7, S = 17 -> 100 * 7 * 17
        assertThat(c.of(new GridCell("addition", 3, 5), 100)).isEqualTo(100.0 * 7 * 17);
        // multiplication 3x5: P = 10, G = 9 -> 100 * 9 * 19
        assertThat(c.of(new GridCell("multiplication", 3, 5), 100)).isEqualTo(100.0 * 9 * 19);
        // overhead per step: G * overhead
        assertThat(new DecodeCost(10).of(new GridCell("addition", 3, 5), 100)
                        - c.of(new GridCell("addition", 3, 5), 100))
                .isEqualTo(70.0);
        assertThat(c.of(new GridCell("sorting", 10, 10), 100)).isGreaterThan(c.of(new GridCell("sorting", 5, 10), 100));
    }
}

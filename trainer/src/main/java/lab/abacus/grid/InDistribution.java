package lab.abacus.grid;

import java.io.Serializable;

/** Cells inside the training lengths: {@code len_a <= maxA && len_b <= maxB} (the paper's ID definition, §6.5). */
public record InDistribution(int maxA, int maxB) implements Serializable {

    public boolean contains(int lenA, int lenB) {
        return lenA <= maxA && lenB <= maxB;
    }
}

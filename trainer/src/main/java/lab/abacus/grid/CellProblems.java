package lab.abacus.grid;

import java.io.Serializable;
import java.util.List;

/** The problems of one grid cell, from the dataset's eval split: model-facing prompt (through '=') and answer. */
public record CellProblems(GridCell cell, List<Problem> problems) implements Serializable {

    /** One eval row: its sample index in the cell, the prompt text and the answer text (no EOS). */
    public record Problem(int sample, String prompt, String answer) implements Serializable {}
}

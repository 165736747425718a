package lab.abacus.structural;

/**
 * One row of a structural split: the words the language model reads (no BOS/EOS), their count, and what the task
 * knows about it.
 *
 * @param maxDepth   Dyck: deepest nesting; null for McCoy's tasks
 * @param marker     McCoy: the transformation word ({@code quest}, {@code decl}, {@code PRESENT}, {@code PAST}); null
 *                   for Dyck
 * @param sourceLine McCoy: the 1-based line of the source file; null for Dyck
 */
public record StructuralRow(String text, int tokens, Integer maxDepth, String marker, Long sourceLine) {}

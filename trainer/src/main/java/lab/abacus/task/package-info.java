/**
 * Tasks and their exact reference formats: the character vocabularies (PAD=0, UNK=1, BOS=2, EOS=3, digits 4–13),
 * the per-task problem generators (every number least-significant digit first), {@link lab.abacus.task.TaskKind}
 * (a task's name, vocabulary and rules; an unknown name is an error), and the Abacus digit index; and the
 * structural tasks ({@link lab.abacus.task.StructuralTask}): the Dyck-(k, d) automaton and its strings' component
 * skeletons, McCoy's line format, and word-level vocabularies. Pure Java; no Spark, no DJL.
 *
 * <p>May use: hash.
 */
package lab.abacus.task;

/** Tests of the structural tasks' datasets: the split's invariants recomputed independently, McCoy's files. */
package lab.abacus.structural;

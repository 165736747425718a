/** Tests of tree projections: the projected tree on worked charts, span-restricted reading of a real model. */
package lab.abacus.treeprojection;

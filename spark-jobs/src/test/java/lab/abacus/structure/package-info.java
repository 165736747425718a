/** Tests of the code's structure as a whole: package DAG, module boundaries, package documentation (ArchUnit). */
package lab.abacus.structure;

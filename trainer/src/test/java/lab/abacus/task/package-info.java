/**
 * Tests of the tasks: problem generators (answers re-checked independently) and Abacus digit indices.
 */
package lab.abacus.task;

/**
 * Text for terminals and logs, one home each: aligned text tables ({@link lab.abacus.console.TextTable}) and the
 * pieces of progress lines ({@link lab.abacus.console.ProgressText}: durations, percentages, bars, ETA). Pure Java;
 * depends on nothing in the project.
 */
package lab.abacus.console;

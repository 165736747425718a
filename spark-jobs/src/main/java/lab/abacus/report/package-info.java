/**
 * Reports over the tables: Figure-1-style heatmaps per run and task (JFreeChart), and per sweep the mean ± std over
 * seeds of ID / OOD / beyond-grid accuracy and the fraction of seeds above the threshold, as HTML and Markdown.
 *
 * <p>May use: grid, model, sql, storage, task.
 */
package lab.abacus.report;

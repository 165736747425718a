/**
 * Reports from the tables: per run a heatmap PNG per task grid like the paper's Figure 1 (accuracy %, YlGnBu-like
 * scale, red rectangle at the training lengths) and an accuracy summary; per sweep a table of in-distribution,
 * out-of-distribution and beyond-the-grid accuracy per sweep point (mean ± std over seeds, fraction of seeds above
 * a threshold) with the heatmaps, as {@code index.html} and {@code report.md} under {@code <root>/sweeps/<name>/report/}.
 */
package lab.abacus.report;

/**
 * Tree projections (Murty et al., ICLR 2023; structural-grokking §3.3): how tree-structured a language model's
 * computation is. A sentence's span chart compares each span's contextual vector with its context-free one (the
 * span read with attention restricted to itself at every layer); a greedy top-down split of the chart is the
 * projected tree, and t_score is how much better its splits are than random ones. {@link
 * lab.abacus.treeprojection.CheckpointTScore} scores one checkpoint of a run over a part of its sentences: what the
 * Spark job that spreads checkpoints × sentences over executors distributes.
 *
 * <p>May use: model, run, storage, structural.
 */
package lab.abacus.treeprojection;

/**
 * Tests of training: AdamW against hand-computed updates, the schedule, checkpoints and resume, the run trainer, and
 * {@code AdditionLearningTest} (a tiny Abacus model learns 1-3 digit addition); {@code TrainerFixture} holds the tiny
 * settings they share.
 */
package lab.abacus.train;

/**
 * Tests of sweep files: expansion into points, validation against reference.conf, plans, and the shipped sweeps
 * under {@code sweeps/}; {@code SweepFiles} writes sweep files for them.
 */
package lab.abacus.sweep;

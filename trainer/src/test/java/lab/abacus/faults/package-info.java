/**
 * Fault injection for tests: a Hadoop file system that fails the Nth create, write or rename under a path, so I/O
 * faults are tested wherever storage is written. Shared with the Spark jobs' tests through the trainer's test jar.
 */
package lab.abacus.faults;

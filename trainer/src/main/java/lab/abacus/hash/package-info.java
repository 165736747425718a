/**
 * Hashing, one home: the 64-bit row hash and SplitMix64 finaliser of the dataset generator, the seed derivations of
 * datasets and training runs, and SHA-256 for content-addressed ids. Pure Java; depends on nothing in the project.
 */
package lab.abacus.hash;

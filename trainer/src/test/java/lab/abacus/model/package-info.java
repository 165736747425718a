/**
 * Tests of the model zoo: settings validation, parameter counts against the reference, every scheme and architecture
 * trains and its KV-cache forward equals the full forward, Abacus offsets, noise, progressive loss, save/load;
 * {@code TestEngine} sets up DJL for them.
 */
package lab.abacus.model;

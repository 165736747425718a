/** Tests of the storage layout helpers: staging paths and the leftovers a killed writer leaves. */
package lab.abacus.storage;

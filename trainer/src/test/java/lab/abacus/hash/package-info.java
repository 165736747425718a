/** Tests of the hash functions against golden values. */
package lab.abacus.hash;

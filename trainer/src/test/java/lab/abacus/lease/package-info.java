/** Tests of leases under contention, take-over and release. */
package lab.abacus.lease;

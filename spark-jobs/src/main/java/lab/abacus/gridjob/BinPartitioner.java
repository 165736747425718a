package lab.abacus.gridjob;

import org.apache.spark.Partitioner;

/** Keys are bin indexes 0..n-1: bin i goes to partition i (hash partitioning could put two bins together). */
final class BinPartitioner extends Partitioner {

    private final int bins;

    BinPartitioner(int bins) {
        this.bins = bins;
    }

    @Override
    public int numPartitions() {
        return bins;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinPartitioner b && b.bins == bins;
    }

    @Override
    public int hashCode() {
        return bins;
    }
}

package lab.abacus.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A one-datanode MiniDFS cluster on 127.0.0.1 for storage-root tests on {@code hdfs://}. */
public final class MiniHdfs implements AutoCloseable {

    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Start a cluster whose blocks live under {@code dir}; waits until it is active. */
    public static MiniHdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf, dir.toFile()).numDataNodes(1).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://127.0.0.1:<port>/<path>}. */
    public String uri(String path) {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/" + path;
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}

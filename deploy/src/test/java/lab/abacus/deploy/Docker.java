package lab.abacus.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.sun.security.auth.module.UnixSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Containers on the test engine through Testcontainers' Docker client: host network only, the test's user (so that a
 * bind-mounted storage root stays writable for both sides, as a pod's fsGroup makes a volume writable).
 */
final class Docker {

    static final String TAG = System.getProperty("abacus-test.image.tag", "it");
    static final String TRAINER = "abacus-lab/trainer:" + TAG;
    static final String SPARK = "abacus-lab/spark:" + TAG;

    private Docker() {}

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** {@code uid:gid} of this process. */
    static String user() {
        UnixSystem u = new UnixSystem();
        return u.getUid() + ":" + u.getGid();
    }

    /** A bind mount: host path, container path, read-only or not. */
    record Mount(Path host, String container, boolean readOnly) {
        static Mount same(Path p) {
            return new Mount(p, p.toString(), false);
        }
    }

    /** Create and start a container; returns its id. */
    static String start(String image, List<String> args, Map<String, String> env, List<Mount> mounts, String user) {
        List<Bind> binds = new ArrayList<>();
        for (Mount m : mounts) {
            binds.add(new Bind(
                    m.host().toString(), new Volume(m.container()), m.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        try (CreateContainerCmd cmd = client().createContainerCmd(image)) {
            String id = cmd.withCmd(args)
                    .withEnv(envList)
                    .withUser(user)
                    .withLabels(Map.of("abacus-lab.test", "deploy"))
                    .withHostConfig(
                            HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds))
                    .exec()
                    .getId();
            client().startContainerCmd(id).exec();
            return id;
        }
    }

    /** Its exit code, waiting at most {@code seconds}. */
    static int await(String id, long seconds) {
        return client().waitContainerCmd(id).start().awaitStatusCode(seconds, TimeUnit.SECONDS);
    }

    /** Whether it still runs. */
    static boolean running(String id) {
        Boolean r = client().inspectContainerCmd(id).exec().getState().getRunning();
        return Boolean.TRUE.equals(r);
    }

    /** Its exit code once it stopped, else null. */
    static Integer exitCode(String id) {
        var state = client().inspectContainerCmd(id).exec().getState();
        return Boolean.TRUE.equals(state.getRunning())
                ? null
                : state.getExitCodeLong().intValue();
    }

    /** stdout and stderr so far. */
    static String logs(String id) {
        StringBuilder sb = new StringBuilder();
        try {
            client().logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            sb.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sb.toString();
    }

    /** SIGKILL, as {@code docker kill} sends it. */
    static void kill(String id) {
        client().killContainerCmd(id).exec();
    }

    static void remove(String id) {
        client().removeContainerCmd(id).withForce(true).exec();
    }

    /** The image's size in MB and its configured user. */
    static String describe(String image) {
        var i = client().inspectImageCmd(image).exec();
        return image + ": " + (i.getSize() / 1_000_000) + " MB, user "
                + i.getConfig().getUser();
    }

    static String imageUser(String image) {
        return client().inspectImageCmd(image).exec().getConfig().getUser();
    }
}

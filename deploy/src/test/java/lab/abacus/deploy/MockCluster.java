package lab.abacus.deploy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The stand-in for a Kubernetes API server: fabric8's mock server in CRUD mode on 127.0.0.1 (it stores objects,
 * answers 409 to a second create of a name, keeps status updates, filters by label; it validates nothing and runs no
 * controller), with expectations on top where a test needs an answer CRUD cannot give (an access review that says
 * no).
 */
final class MockCluster implements AutoCloseable {

    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
    }

    /** The API server's URL, as launcher.kubernetes.master-url. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    MockCluster namespace(String name) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return this;
    }

    /** Apply the suspended trainer Job template of a rendered overlay, as {@code kubectl apply -k} would. */
    MockCluster applyJobTemplate(String renderedYaml, String namespace) {
        for (String doc : Kustomize.documents(renderedYaml)) {
            if (doc.contains("kind: Job") && !doc.contains("kind: CronJob")) {
                Job job = Serialization.unmarshal(
                        new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), Job.class);
                job.getMetadata().setNamespace(namespace);
                client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
            }
        }
        return this;
    }

    List<Job> jobs(String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

package lab.abacus.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;
import lab.abacus.config.ConfigError;

/** A request the API server refused for lack of rights (403), as an error naming the verb and the resource. */
final class Forbidden {

    private Forbidden() {}

    static <T> T naming(String verb, String resource, String namespace, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                throw refused(
                        verb,
                        resource,
                        namespace,
                        e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
            }
            throw e;
        }
    }

    static ConfigError refused(String verb, String resource, String namespace, String detail) {
        return new ConfigError("Kubernetes RBAC refuses \"" + verb + " " + resource + "\" in namespace " + namespace
                + " to this client" + (detail == null || detail.isBlank() ? "" : " (" + detail + ")")
                + ": bind the Role in k8s/base/serviceaccount-rbac.yaml to the launcher's service account");
    }
}

package lab.abacus.kubernetes;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import lab.abacus.config.ConfigError;
import lab.abacus.sweep.LauncherSettings;

/**
 * A client of the cluster the launcher settings name ({@code master-url}, else kubeconfig or the in-cluster service
 * account, as kubectl finds them), checked before anything is created: the API server answers, the namespace exists,
 * and RBAC allows every request the launcher makes. Each problem is a {@link ConfigError} that names it.
 */
public final class KubernetesCluster {

    /** What the launcher does in its namespace: verb, resource, API group. */
    static final List<String[]> REQUESTS = List.of(
            new String[] {"create", "jobs", "batch"},
            new String[] {"list", "jobs", "batch"},
            new String[] {"get", "jobs", "batch"},
            new String[] {"create", "configmaps", ""},
            new String[] {"get", "configmaps", ""},
            new String[] {"list", "pods", ""});

    private KubernetesCluster() {}

    /** A client for {@code s}, after the checks. */
    public static KubernetesClient connect(LauncherSettings.Kubernetes s) {
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config(s)).build();
        try {
            check(client, s);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    static Config config(LauncherSettings.Kubernetes s) {
        ConfigBuilder b = new ConfigBuilder(Config.autoConfigure(null));
        if (!s.masterUrl().isBlank()) {
            b.withMasterUrl(s.masterUrl());
        }
        return b.withNamespace(s.namespace())
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .withRequestRetryBackoffLimit(1)
                .build();
    }

    static void check(KubernetesClient client, LauncherSettings.Kubernetes s) {
        String where = client.getMasterUrl().toString();
        try {
            if (client.namespaces().withName(s.namespace()).get() == null) {
                throw new ConfigError("abacus.launcher.kubernetes.namespace: namespace \"" + s.namespace()
                        + "\" does not exist on " + where + " (kubectl create namespace " + s.namespace() + ")");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
                throw unreachable(where, e);
            }
            // Reading namespaces is a cluster-wide right a namespaced launcher need not have: the access review says.
        }
        for (String[] r : REQUESTS) {
            allowed(client, s.namespace(), r[0], r[1], r[2]);
        }
    }

    private static ConfigError unreachable(String where, KubernetesClientException e) {
        String cause = e.getCause() == null ? e.getMessage() : e.getCause().toString();
        return new ConfigError("no Kubernetes API server answers at " + where
                + " (abacus.launcher.kubernetes.master-url, else kubeconfig / in-cluster): " + cause);
    }

    private static void allowed(KubernetesClient client, String ns, String verb, String resource, String group) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                // Not stored by the API server; a generated name keeps stricter stand-ins happy.
                .withNewMetadata()
                .withGenerateName("abacus-launcher-")
                .endMetadata()
                .withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withNamespace(ns)
                        .withVerb(verb)
                        .withResource(resource)
                        .withGroup(group)
                        .build())
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                client.authorization().v1().selfSubjectAccessReview().create(review);
        // An answer without a status is a server that does not review (a test stand-in): the requests will say.
        if (answer.getStatus() != null
                && !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
            String name = group.isEmpty() ? resource : resource + "." + group;
            throw Forbidden.refused(verb, name, ns, answer.getStatus().getReason());
        }
    }
}

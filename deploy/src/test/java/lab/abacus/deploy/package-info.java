/**
 * Tests of the deployment: the images (built once per build from docker/, run on a local Docker engine through
 * Testcontainers), the k8s/ manifests (rendered with kubectl kustomize, validated strictly) and the Kubernetes
 * launcher against fabric8's mock API server with a stand-in Job controller that runs the pods as containers.
 *
 * <p>May use: everything of the platform and its test fixtures.
 */
package lab.abacus.deploy;

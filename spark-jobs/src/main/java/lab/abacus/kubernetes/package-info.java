/**
 * The cluster side of the Kubernetes launcher, with the fabric8 client: the trainer Jobs of a sweep
 * ({@link lab.abacus.kubernetes.TrainerJobs}: one Indexed Job per frozen plan, reconciled by run id, a 409 on create
 * adopted), the Job made from the template that {@code k8s/} applies ({@link lab.abacus.kubernetes.TrainerJobTemplate}),
 * the checks before anything is created ({@link lab.abacus.kubernetes.KubernetesCluster}), and what the cluster says
 * of each index and pod ({@link lab.abacus.kubernetes.TrainerJob}, {@link lab.abacus.kubernetes.IndexFailure},
 * {@link lab.abacus.kubernetes.ClusterStatus}). No Spark.
 *
 * <p>May use: config, process, run, sweep.
 */
package lab.abacus.kubernetes;

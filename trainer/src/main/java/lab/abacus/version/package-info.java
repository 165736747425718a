/**
 * The code version (Maven version + git commit at build time) that manifests, run configs and
 * {@code abacus version} record, read from the build-generated {@code abacus-version.properties}.
 *
 * <p>May use: nothing in the project.
 */
package lab.abacus.version;

/** Tests of configuration loading: layering, validation messages with file:line and key, system properties. */
package lab.abacus.config;

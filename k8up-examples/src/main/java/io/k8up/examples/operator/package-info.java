/**
 * An example of an operator loop on the library: {@link io.k8up.examples.operator.BackupOperator}
 * keeps informer caches of the watched namespaces current, backs them up on a schedule from those
 * caches, and on shutdown interrupts the running backup, which deletes what it created.
 */
package io.k8up.examples.operator;

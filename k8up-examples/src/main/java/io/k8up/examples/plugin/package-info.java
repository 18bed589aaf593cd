/**
 * An example volume-access strategy plug-in, {@link
 * io.k8up.examples.plugin.SharedStorageClassStrategy}, and its provider: the whole SPI in two
 * short classes. {@code docs/writing-a-strategy.md} walks through them.
 */
package io.k8up.examples.plugin;

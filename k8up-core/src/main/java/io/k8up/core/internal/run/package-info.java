/**
 * How the executor runs a plan: the run loop, its limits, and the one unit runner that drives every
 * strategy's workflow through the gateway; cleanup, re-planning and the sweep. Not part of the
 * public API.
 */
package io.k8up.core.internal.run;

/**
 * How the executor runs a plan: API calls with retries, limits, the run loop and its units in
 * flight. Not part of the public API.
 */
package io.k8up.core.internal.run;

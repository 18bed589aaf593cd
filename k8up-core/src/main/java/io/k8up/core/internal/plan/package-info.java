/** The planner's engine: the built-in node rules, per-claim and per-pod deciders, selection. */
package io.k8up.core.internal.plan;

/** The restore planner's engine: deciding one restore request, with the backup planner's node rules. */
package io.k8up.core.internal.restore;

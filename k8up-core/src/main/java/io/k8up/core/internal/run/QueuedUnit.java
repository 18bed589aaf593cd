package io.k8up.core.internal.run;

import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import java.util.OptionalLong;

/**
 * A unit waiting for its turn, with the context it is materialized in.
 *
 * @param size the bytes its claims request, for largest-first order
 * @param firstStart when its claims' first attempt started ({@link System#nanoTime()}), if one did
 */
record QueuedUnit(BackupUnit unit, RunContext context, long size, OptionalLong firstStart) {}

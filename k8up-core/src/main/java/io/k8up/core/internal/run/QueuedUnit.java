package io.k8up.core.internal.run;

import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import java.time.Instant;
import java.util.Optional;

/**
 * A unit waiting for its turn, with the context its workflow is built in.
 *
 * @param size the bytes its claims request: how long it takes, for the start order
 * @param firstStart when its claims' first attempt started, if one did
 */
record QueuedUnit(BackupUnit unit, RunContext context, long size, Optional<Instant> firstStart) {}

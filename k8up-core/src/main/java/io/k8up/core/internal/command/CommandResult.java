package io.k8up.core.internal.command;

import io.k8up.core.run.CommandReport;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import java.util.Optional;

/**
 * How streaming one backup command ended, as the pod's outcome will say it.
 *
 * @param message a sentence for a person: what happened and what to do
 * @param report what the command did, when it was started
 */
public record CommandResult(OutcomeStatus status, OutcomeReason reason, String message,
    Optional<CommandReport> report) {}

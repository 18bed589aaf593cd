package io.k8up.core.internal.restore;

import io.k8up.core.plan.DecisionReason;
import io.k8up.core.restore.RestoreReason;

/** The restore reason for what a node rule said, so that restores and backups name placements alike. */
final class NodeRuleReasons {

  private NodeRuleReasons() {}

  /**
   * The restore code of the same name where it fits the outcome; else {@link
   * RestoreReason#NODE_RULE} for a placement and {@link RestoreReason#NO_NODE} for anything else,
   * since a plug-in rule may give any reason.
   */
  static RestoreReason of(DecisionReason reason, boolean placed) {
    RestoreReason same = sameName(reason);
    if (placed) {
      return same != null && same.restores() ? same : RestoreReason.NODE_RULE;
    }
    return same != null && !same.restores() ? same : RestoreReason.NO_NODE;
  }

  private static RestoreReason sameName(DecisionReason reason) {
    for (RestoreReason candidate : RestoreReason.values()) {
      if (candidate.name().equals(reason.name())) {
        return candidate;
      }
    }
    return null;
  }
}

package io.k8up.core.internal.run;

import io.k8up.core.run.OutcomeReason;

/** What a run's units do: the word its messages use, and the reason a unit that succeeded gets. */
public enum Purpose {
  BACKUP("backup", OutcomeReason.BACKED_UP, "backed up"),
  RESTORE("restore", OutcomeReason.RESTORED, "restored");

  private final String noun;
  private final OutcomeReason succeeded;
  private final String succeededMessage;

  Purpose(String noun, OutcomeReason succeeded, String succeededMessage) {
    this.noun = noun;
    this.succeeded = succeeded;
    this.succeededMessage = succeededMessage;
  }

  /** {@code backup} or {@code restore}, as in "the backup pod". */
  String noun() {
    return noun;
  }

  OutcomeReason succeeded() {
    return succeeded;
  }

  String succeededMessage() {
    return succeededMessage;
  }
}

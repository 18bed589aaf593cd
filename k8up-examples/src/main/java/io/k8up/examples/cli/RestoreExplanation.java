package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import io.k8up.core.restore.NewClaim;
import io.k8up.core.restore.OverwritePolicy;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import java.io.PrintWriter;

/** {@code k8up-rwo restore --explain}: one restore decision in words, every value escaped. */
final class RestoreExplanation {

  private RestoreExplanation() {}

  /** Prints {@code decision}: what was decided and why, and for a restore, where, how and from what. */
  static void print(RestoreDecision decision, PrintWriter out) {
    String from = decision.request().namespace() + "/" + decision.request().claim();
    line(out, "%s ← %s: %s %s", decision.request().namespace() + "/" + decision.request().targetClaim(), from, decision.action().name(), decision.reason().name());
    line(out, "  why:       %s", decision.message());
    line(out, "  backup:    %s of %s", decision.request().snapshot().describe(), from);
    if (decision.target().isEmpty()) {
      return;
    }
    RestoreTarget target = decision.target().get();
    line(out, "  how:       %s", target.method() == RestoreMethod.JOB
        ? "a Job whose pod mounts the claim read-write"
        : "an ephemeral container of pod " + target.holdingPod().orElseThrow() + ", with its volume read-write");
    line(out, "  where:     %s", target.placement().describe());
    line(out, "  runs as:   %s", target.mountingPods().isEmpty() ? "the tool's user (no pod mounts the claim)"
        : "the user and groups of pod " + String.join(", ", target.mountingPods()));
    line(out, "  existing:  %s", target.overwrite() == OverwritePolicy.OVERWRITE
        ? "files the backup holds replace those there; others stay" : "files already there stay; none is deleted");
    if (target.newClaim().isPresent()) {
      NewClaim claim = target.newClaim().get();
      line(out, "  new claim: %s bytes, class %s, %s", Long.toString(claim.requestedBytes()),
          claim.storageClassName().map(name -> name.isEmpty() ? "(none: storageClassName \"\")" : name)
              .orElse("(the default)"), claim.accessModes().toString());
    }
  }

  private static void line(PrintWriter out, String format, String... values) {
    Object[] escaped = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      escaped[i] = TerminalText.escape(values[i]);
    }
    out.println(String.format(format, escaped));
  }
}

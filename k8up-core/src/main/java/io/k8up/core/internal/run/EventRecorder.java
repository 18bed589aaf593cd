package io.k8up.core.internal.run;

import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.Outcome;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records one Event per outcome of a run, once every outcome is settled. Best effort: a refusal
 * or failure is returned as a line for the report, never thrown, and changes no outcome.
 */
final class EventRecorder {

  private final KubeGateway gateway;
  private final RunId runId;
  private final Clock clock;

  EventRecorder(KubeGateway gateway, RunId runId, Clock clock) {
    this.gateway = gateway;
    this.runId = runId;
    this.clock = clock;
  }

  /**
   * Creates the events about {@code outcomes}, naming the UIDs {@code snapshot} knows; an event
   * that exists already (the same run finished again) counts as recorded.
   *
   * @return the events not recorded, as {@code kind namespace/name: why}
   */
  List<String> record(List<Outcome> outcomes, ClusterSnapshot snapshot) {
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome outcome = outcomes.get(i);
      CoreV1Event event = OutcomeEvents.of(outcome, uid(outcome.subject(), snapshot), runId, now);
      try {
        gateway.create(ResourceType.EVENT, WireForm.of(event));
      } catch (KubeFailure e) {
        if (!e.isConflict()) {
          failures.add(failure(outcome.subject(), e.getMessage()));
        }
      } catch (InterruptedException e) {
        // Stop at once; the caller's thread stays interrupted.
        Thread.currentThread().interrupt();
        for (Outcome left : outcomes.subList(i, outcomes.size())) {
          failures.add(failure(left.subject(), "not recorded: the run was interrupted"));
        }
        break;
      }
    }
    return failures;
  }

  private static Optional<String> uid(Subject subject, ClusterSnapshot snapshot) {
    return switch (subject.kind()) {
      case PERSISTENT_VOLUME_CLAIM -> snapshot.claim(subject.namespace(), subject.name()).flatMap(Claim::uid);
      case POD -> snapshot.pods().stream()
          .filter(pod -> pod.namespace().equals(subject.namespace()) && pod.name().equals(subject.name()))
          .findFirst()
          .flatMap(Pod::uid);
    };
  }

  private static String failure(Subject subject, String why) {
    return "Event about " + subject + ": " + why;
  }
}

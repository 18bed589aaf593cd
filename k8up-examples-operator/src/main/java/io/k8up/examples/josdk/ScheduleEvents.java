package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;

/** Records core/v1 Events on a schedule, so that {@code kubectl describe backupschedule} tells how its runs went. */
final class ScheduleEvents {

  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";

  private static final System.Logger LOG = System.getLogger(ScheduleEvents.class.getName());

  private ScheduleEvents() {}

  /**
   * Records an Event on {@code schedule}. A refused Event is logged and changes nothing else: the
   * status already says what happened.
   */
  static void record(KubernetesClient client, BackupSchedule schedule, String type, String reason, String message,
      Instant now) {
    String namespace = schedule.getMetadata().getNamespace();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withGenerateName(schedule.getMetadata().getName() + ".").withNamespace(namespace)
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(schedule.getApiVersion())
              .withKind(schedule.getKind()).withNamespace(namespace).withName(schedule.getMetadata().getName())
              .withUid(schedule.getMetadata().getUid()).build())
          .withType(type).withReason(reason).withMessage(message)
          .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
          .withNewSource("k8up-rwo-operator", null)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot record event " + reason + " on " + namespace + "/"
          + schedule.getMetadata().getName() + ": grant create on events (" + e.getMessage() + ")");
    }
  }
}

package io.k8up.core.internal.run;

import com.google.common.hash.Hashing;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunId;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The core/v1 Event that tells a claim's or pod's owner how it fared in a run; pure. The events
 * are of the legacy form, {@code firstTimestamp}, {@code lastTimestamp} and {@code count} without
 * {@code eventTime}: an event with {@code eventTime} must also carry {@code reportingInstance}
 * and {@code action}, which the API server validates strictly.
 */
final class OutcomeEvents {

  /** The component that reports the events ({@code source.component}, {@code reportingComponent}). */
  static final String COMPONENT = "k8up-rwo";

  /** The most bytes of UTF-8 an event's message may have. */
  static final int MAX_MESSAGE_BYTES = 1024;

  private static final int MAX_NAME_LENGTH = 253;
  private static final int HASH_LENGTH = 10;
  private static final String ELLIPSIS = "...";

  private OutcomeEvents() {}

  /**
   * The event about {@code outcome}, recorded at {@code now}; {@code uid} is the subject's UID if
   * the snapshot knows it.
   */
  static CoreV1Event of(Outcome outcome, Optional<String> uid, RunId runId, OffsetDateTime now) {
    Subject subject = outcome.subject();
    return new CoreV1Event()
        .apiVersion("v1")
        .kind("Event")
        .metadata(new V1ObjectMeta()
            .name(name(outcome, runId))
            .namespace(subject.namespace())
            .labels(Map.of(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE,
                K8upAnnotations.RUN_ID_LABEL, runId.value())))
        .involvedObject(new V1ObjectReference()
            .apiVersion("v1")
            .kind(subject.kind().kubernetesName())
            .namespace(subject.namespace())
            .name(subject.name())
            .uid(uid.orElse(null)))
        .type(type(outcome.status()))
        .reason(reason(outcome.status()))
        .message(truncate(outcome.message()))
        .source(new V1EventSource().component(COMPONENT))
        .reportingComponent(COMPONENT)
        .firstTimestamp(now)
        .lastTimestamp(now)
        .count(1);
  }

  /** {@code Normal} for what went as planned, {@code Warning} for what was not backed up. */
  static String type(OutcomeStatus status) {
    return status == OutcomeStatus.SUCCEEDED || status == OutcomeStatus.SKIPPED ? "Normal" : "Warning";
  }

  /** The event's reason: {@code BackupSucceeded}, {@code BackupSkipped}, {@code BackupFailed} or {@code BackupNotRun}. */
  static String reason(OutcomeStatus status) {
    return switch (status) {
      case SUCCEEDED -> "BackupSucceeded";
      case SKIPPED -> "BackupSkipped";
      case FAILED -> "BackupFailed";
      case NOT_RUN -> "BackupNotRun";
    };
  }

  /**
   * {@code <subject name>.<run id>.<hash>}, a valid DNS subdomain of at most 253 characters; the
   * hash covers the subject's kind, namespace and name and the outcome's status and reason, so a
   * claim and a pod of one name get two events, and a run finished again with the same id records
   * an unchanged outcome once.
   */
  static String name(Outcome outcome, RunId runId) {
    Subject subject = outcome.subject();
    String hash = Hashing.sha256().hashString(String.join("/", subject.kind().name(), subject.namespace(),
        subject.name(), outcome.status().name(), outcome.reason().name()), StandardCharsets.UTF_8)
        .toString().substring(0, HASH_LENGTH);
    String suffix = "." + runId.value() + "." + hash;
    String prefix = subdomain(subject.name());
    if (prefix.length() > MAX_NAME_LENGTH - suffix.length()) {
      prefix = trimEnd(prefix.substring(0, MAX_NAME_LENGTH - suffix.length()));
    }
    return (prefix.isEmpty() ? "subject" : prefix) + suffix;
  }

  /**
   * {@code message}, cut on a character boundary and ended with {@code ...} if its UTF-8 form is
   * longer than {@link #MAX_MESSAGE_BYTES}.
   */
  static String truncate(String message) {
    if (message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
      return message;
    }
    int budget = MAX_MESSAGE_BYTES - ELLIPSIS.length();
    int bytes = 0;
    int end = 0;
    while (end < message.length()) {
      int codePoint = message.codePointAt(end);
      int size = utf8Length(codePoint);
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return message.substring(0, end) + ELLIPSIS;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    // A lone surrogate counts three bytes, more than its replacement takes: the cut stays safe.
    return codePoint < 0x10000 ? 3 : 4;
  }

  // Lower-case letters, digits and '-' in labels joined by '.'; each label starts and ends alphanumeric.
  private static String subdomain(String name) {
    List<String> labels = new ArrayList<>();
    for (String label : name.toLowerCase(Locale.ROOT).split("\\.")) {
      String cleaned = trimEnd(trimStart(label.replaceAll("[^a-z0-9-]", "-")));
      if (!cleaned.isEmpty()) {
        labels.add(cleaned);
      }
    }
    return String.join(".", labels);
  }

  private static String trimStart(String value) {
    int start = 0;
    while (start < value.length() && !isAlphanumeric(value.charAt(start))) {
      start++;
    }
    return value.substring(start);
  }

  private static String trimEnd(String value) {
    int end = value.length();
    while (end > 0 && !isAlphanumeric(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}

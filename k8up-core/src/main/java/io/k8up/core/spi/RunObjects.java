package io.k8up.core.spi;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.K8upAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names, labels and annotations of the objects a run creates: deterministic, so that a
 * restarted run finds them, and valid for any claim name.
 */
public final class RunObjects {

  /** How every name this library gives begins; a pod's ephemeral containers with it are the library's. */
  public static final String PREFIX = "k8up-rwo-";

  private RunObjects() {}

  /**
   * The name of the unit's main object: {@code k8up-rwo-<run id>-<unit id>}, with {@code
   * -<attempt>} from the second attempt on; at most 44 characters, a valid DNS-1123 label, so that
   * pods a Job creates from it stay within 63.
   */
  public static String name(RunId runId, BackupUnit unit) {
    return PREFIX + runId.value() + "-" + unit.id() + (unit.attempt() > 1 ? "-" + unit.attempt() : "");
  }

  /** The label selector of everything {@code runId} created. */
  public static String selector(RunId runId) {
    return K8upAnnotations.MANAGED_BY_LABEL + "=" + K8upAnnotations.MANAGED_BY_VALUE + ","
        + K8upAnnotations.RUN_ID_LABEL + "=" + runId.value();
  }

  /**
   * The labels of the unit's objects: the tool's extra labels, then the library's own, which win:
   * managed-by, run, unit and attempt.
   */
  public static ImmutableMap<String, String> labels(RunId runId, BackupUnit unit, BackupToolSpec tool) {
    Map<String, String> labels = new LinkedHashMap<>(tool.labels());
    labels.put(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE);
    labels.put(K8upAnnotations.RUN_ID_LABEL, runId.value());
    labels.put(K8upAnnotations.UNIT_LABEL, unit.id());
    labels.put(K8upAnnotations.ATTEMPT_LABEL, Integer.toString(unit.attempt()));
    return ImmutableMap.copyOf(labels);
  }

  /** The annotations of the unit's objects: the tool's extra ones and the claims backed up. */
  public static ImmutableMap<String, String> annotations(BackupUnit unit, BackupToolSpec tool) {
    Map<String, String> annotations = new LinkedHashMap<>(tool.annotations());
    annotations.put(K8upAnnotations.CLAIMS_ANNOTATION, Joiner.on(',').join(unit.claimNames()));
    return ImmutableMap.copyOf(annotations);
  }
}

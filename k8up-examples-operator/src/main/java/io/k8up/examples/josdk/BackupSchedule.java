package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Backs up the claims of one namespace at a fixed interval: {@code kind: BackupSchedule} in {@code
 * backup.k8up.io/v1alpha1}. Its CRD is generated from this class ({@code
 * deploy/backupschedules.backup.k8up.io-v1.yml}).
 */
@Group(BackupSchedule.GROUP)
@Version(BackupSchedule.VERSION)
@ShortNames("bsched")
public class BackupSchedule extends CustomResource<BackupScheduleSpec, BackupScheduleStatus> implements Namespaced {

  private static final long serialVersionUID = 1L;

  /** The API group of the resource. */
  public static final String GROUP = "backup.k8up.io";

  /** The API version of the resource within its group. */
  public static final String VERSION = "v1alpha1";
}

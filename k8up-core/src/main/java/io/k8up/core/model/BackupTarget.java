package io.k8up.core.model;

/**
 * What a backup decision backs up: a claim's files ({@link ClaimTarget}) or the output of an
 * application pod's backup command ({@link CommandTarget}).
 */
public interface BackupTarget {

  /** The namespace of the claim or pod. */
  String namespace();

  /** The name of the claim or pod. */
  String name();
}

package io.k8up.strategy.csisnapshot.internal;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The temporary claim a snapshot is restored to, sized once the snapshot says how large it is. */
final class TemporaryClaims {

  private static final JSON JSON = new JSON();

  private TemporaryClaims() {}

  /**
   * A copy of {@code claim} whose storage request is at least {@code restoreBytes}: a volume
   * smaller than its snapshot's restore size cannot be restored.
   */
  static V1PersistentVolumeClaim sized(V1PersistentVolumeClaim claim, long restoreBytes) {
    V1PersistentVolumeClaim copy = JSON.deserialize(JSON.serialize(claim), V1PersistentVolumeClaim.class);
    V1VolumeResourceRequirements resources = copy.getSpec().getResources() == null
        ? new V1VolumeResourceRequirements() : copy.getSpec().getResources();
    Map<String, Quantity> requests = resources.getRequests() == null ? new HashMap<>() : new HashMap<>(resources.getRequests());
    Quantity requested = requests.get("storage");
    BigDecimal restore = BigDecimal.valueOf(restoreBytes);
    if (requested == null || requested.getNumber().compareTo(restore) < 0) {
      requests.put("storage", new Quantity(restore, Quantity.Format.BINARY_SI));
    }
    copy.getSpec().resources(resources.requests(requests));
    return copy;
  }
}

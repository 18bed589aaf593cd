package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.spi.ResourceType;
import java.util.HashSet;
import java.util.Set;

/** Reads how the cluster's StorageClasses bind claims, for the restore planner: one paged list. */
public final class StorageClasses {

  /** {@code storage.k8s.io/v1} StorageClasses, cluster-scoped. */
  public static final ResourceType STORAGE_CLASS =
      new ResourceType("storage.k8s.io", "v1", "StorageClass", "storageclasses");

  private StorageClasses() {}

  /**
   * Every StorageClass and whether it waits for its first consumer; needs {@code list} on {@code
   * storageclasses}. A class without a name is left out, one named twice kept once.
   */
  public static ImmutableList<StorageClassBinding> read(KubeGateway gateway) throws KubeFailure, InterruptedException {
    ImmutableList.Builder<StorageClassBinding> classes = ImmutableList.builder();
    Set<String> seen = new HashSet<>();
    for (JsonObject object : gateway.list(STORAGE_CLASS, ListQuery.clusterWide())) {
      String name = ObjectLabels.metadata(object, "name").orElse("");
      JsonElement mode = object.get("volumeBindingMode");
      boolean waits = mode != null && mode.isJsonPrimitive() && "WaitForFirstConsumer".equals(mode.getAsString());
      if (!name.isEmpty() && seen.add(name)) {
        classes.add(StorageClassBinding.of(name, waits));
      }
    }
    return classes.build();
  }
}

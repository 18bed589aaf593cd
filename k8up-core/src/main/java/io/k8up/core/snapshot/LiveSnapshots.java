package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import io.k8up.core.internal.adapter.ModelAdapter;
import io.k8up.core.internal.adapter.VolumeSnapshotClassObject;
import io.k8up.core.internal.snapshot.FieldTypeException;
import io.k8up.core.internal.snapshot.ModelGson;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.DiscoveryPath;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListConsumer;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.ImmutableClusterCapabilities;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.spi.ResourceType;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.VersionInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a {@link ClusterSnapshot} from a live cluster, list by list and page by page.
 *
 * <p>A read lists, for each namespace, its PersistentVolumeClaims and its Pods, and lists all
 * PersistentVolumes once, each in pages of {@value #DEFAULT_PAGE_SIZE} objects unless another
 * page size is given ({@code limit} and {@code continue}); each page is converted to the model
 * before the next is asked for, so at most one page of client-java objects is held. A list of
 * {@code n} objects takes {@code max(1, ceil(n / pageSize))} requests: with fewer objects than a
 * page in each list, {@code 2 × namespaces + 1} requests. A list whose continue token expires (410
 * Gone) starts over once. It never fetches objects one by one. It needs the RBAC verb {@code list} on
 * {@code persistentvolumeclaims} and {@code pods} in each namespace and on {@code
 * persistentvolumes}. {@link #readWithNodes} also lists all Nodes, with one more request, and
 * needs {@code list} on {@code nodes} (cluster-scoped) too. {@link #readSnapshotClasses} lists the
 * VolumeSnapshotClasses, which a snapshot holds once added with {@link
 * ClusterSnapshot#withSnapshotClasses}. Fields the API server sends that this client-java does not
 * know are ignored. The methods are thread-safe as far as the given {@link ApiClient} is.
 */
public final class LiveSnapshots {

  /** The number of objects asked for per request unless a page size is given, as kubectl uses. */
  public static final int DEFAULT_PAGE_SIZE = ListQuery.DEFAULT_PAGE_SIZE;

  private static final String SNAPSHOT_GROUP = "snapshot.storage.k8s.io";

  private LiveSnapshots() {}

  /**
   * Reads the claims and pods of {@code namespaces}, and every PersistentVolume, through {@code
   * client}, which sets the server, credentials and timeouts. The snapshot holds no Nodes, and the
   * read needs no permission on them.
   *
   * @param namespaces the namespaces to read; duplicates are read once
   * @throws SnapshotException if the server cannot be reached or does not answer in time, rejects
   *     the credentials, forbids a list (the message names the verb and resource to grant), does
   *     not know a namespace, or answers with objects that cannot be read
   * @throws IllegalArgumentException if a namespace is empty
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot read(ApiClient client, Collection<String> namespaces)
      throws SnapshotException {
    return read(client, namespaces, false, DEFAULT_PAGE_SIZE);
  }

  /**
   * Reads what {@link #read(ApiClient, Collection)} does, asking for {@code pageSize} objects per
   * request.
   *
   * @throws SnapshotException as {@link #read(ApiClient, Collection)} does
   * @throws IllegalArgumentException if a namespace is empty or {@code pageSize} is not positive
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot read(ApiClient client, Collection<String> namespaces, int pageSize)
      throws SnapshotException {
    return read(client, namespaces, false, pageSize);
  }

  /**
   * Reads what {@link #read} does and every Node, so that strategies can tolerate the taints of a
   * node they pin a backup pod to; one more request, which needs {@code list} on {@code nodes}
   * (cluster-scoped).
   *
   * @param namespaces the namespaces to read; duplicates are read once
   * @throws SnapshotException as {@link #read} does, also for the list of Nodes
   * @throws IllegalArgumentException if a namespace is empty
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot readWithNodes(ApiClient client, Collection<String> namespaces)
      throws SnapshotException {
    return read(client, namespaces, true, DEFAULT_PAGE_SIZE);
  }

  /**
   * Reads what {@link #readWithNodes(ApiClient, Collection)} does, asking for {@code pageSize}
   * objects per request.
   *
   * @throws SnapshotException as {@link #read(ApiClient, Collection)} does, also for the Nodes
   * @throws IllegalArgumentException if a namespace is empty or {@code pageSize} is not positive
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot readWithNodes(
      ApiClient client, Collection<String> namespaces, int pageSize) throws SnapshotException {
    return read(client, namespaces, true, pageSize);
  }

  /**
   * Lists the cluster's VolumeSnapshotClasses ({@code snapshot.storage.k8s.io/v1}) with one
   * request, which needs {@code list} on {@code volumesnapshotclasses} of the API group {@code
   * snapshot.storage.k8s.io} (cluster-scoped). A cluster without the snapshot CRDs, which answers
   * 404, has none: the list is empty.
   *
   * @return the classes in the order the server lists them
   * @throws SnapshotException if the server cannot be reached or does not answer in time, rejects
   *     the credentials, forbids the list (the message names the verb, resource and group to
   *     grant), or answers with classes that cannot be read, such as one without a driver
   * @throws NullPointerException if {@code client} is null
   */
  public static ImmutableList<SnapshotClass> readSnapshotClasses(ApiClient client)
      throws SnapshotException {
    checkNotNull(client, "client");
    return readSnapshotClasses(gatewayOf(client));
  }

  /**
   * Reads what {@link #readSnapshotClasses(ApiClient)} does through {@code gateway}.
   *
   * @throws SnapshotException as {@link #readSnapshotClasses(ApiClient)} does
   */
  public static ImmutableList<SnapshotClass> readSnapshotClasses(KubeGateway gateway) throws SnapshotException {
    checkNotNull(gateway, "gateway");
    try {
      return list(gateway, ResourceType.VOLUME_SNAPSHOT_CLASS, ListQuery.clusterWide(), VolumeSnapshotClassObject.class,
          ModelAdapter::snapshotClass);
    } catch (SnapshotException e) {
      // Without the snapshot CRDs the server does not know the resource: there are no classes.
      if (e.getCause() instanceof KubeFailure failure && failure.isNotFound()) {
        return ImmutableList.of();
      }
      throw e;
    }
  }

  /**
   * What the API server reports it is and serves: its version ({@code GET /version}) and the
   * resources of the core group ({@code GET /api/v1}, which lists {@code
   * pods/ephemeralcontainers}), plus those of the groups named in {@code groupVersions}, such as
   * {@code snapshot.storage.k8s.io/v1}. Discovery is open to every authenticated user by default.
   * Never fails: whatever cannot be discovered is left unknown, and strategies then assume the
   * cluster serves what they need; a group version the server does not serve is simply absent.
   *
   * <p>Add the result to a snapshot with {@link ClusterSnapshot#withCapabilities}.
   */
  public static ClusterCapabilities discover(ApiClient client, Collection<String> groupVersions) {
    checkNotNull(client, "client");
    return discover(ClientJavaGateway.of(client), groupVersions);
  }

  /**
   * As {@link #discover(ApiClient, Collection)}, through {@code gateway}: any client's, fabric8's
   * say. An interrupt leaves the capabilities unknown, with the thread's interrupt flag set.
   */
  public static ClusterCapabilities discover(KubeGateway gateway, Collection<String> groupVersions) {
    checkNotNull(gateway, "gateway");
    ImmutableMap<String, String> groups = groupVersions.stream().distinct()
        .collect(ImmutableMap.toImmutableMap(groupVersion -> groupVersion, DiscoveryPath::group));
    ImmutableClusterCapabilities.Builder capabilities = ClusterCapabilities.builder();
    try {
      Optional<VersionInfo> version = document(gateway, DiscoveryPath.VERSION, VersionInfo.class);
      Optional<V1APIResourceList> core = document(gateway, DiscoveryPath.CORE, V1APIResourceList.class);
      // Every real server lists pods in the core group; an empty answer is not discovery.
      if (version.isEmpty() || core.isEmpty() || core.get().getResources() == null
          || core.get().getResources().isEmpty()) {
        return ClusterCapabilities.unknown();
      }
      capabilities.version(versionOf(version.get()));
      addResources(core.get(), "", capabilities);
      for (Map.Entry<String, String> group : groups.entrySet()) {
        // Not served here (404), or not readable: the group's resources stay absent.
        document(gateway, group.getValue(), V1APIResourceList.class)
            .ifPresent(resources -> addResources(resources, group.getKey() + "/", capabilities));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ClusterCapabilities.unknown();
    }
    return capabilities.build();
  }

  private static <T> Optional<T> document(KubeGateway gateway, String path, Class<T> type)
      throws InterruptedException {
    Optional<JsonObject> document = gateway.discovery(path);
    try {
      return document.map(json -> ModelGson.fromTree(json, type));
    } catch (FieldTypeException e) {
      return Optional.empty();
    }
  }

  // gitVersion, else major.minor (some distributions write the minor as "31+"); "0.0" is no version.
  private static Optional<String> versionOf(VersionInfo version) {
    if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
      return Optional.of(version.getGitVersion());
    }
    String major = Optional.ofNullable(version.getMajor()).orElse("").replace("+", "");
    String minor = Optional.ofNullable(version.getMinor()).orElse("").replace("+", "");
    return major.matches("[1-9]\\d*") && minor.matches("\\d+") ? Optional.of("v" + major + "." + minor) : Optional.empty();
  }

  private static void addResources(
      V1APIResourceList list, String prefix, ImmutableClusterCapabilities.Builder capabilities) {
    if (list.getResources() == null) {
      return;
    }
    list.getResources().stream()
        .map(V1APIResource::getName)
        .filter(name -> name != null && !name.isBlank())
        .forEach(name -> capabilities.addServedResources(prefix + name));
  }

  private static ClusterSnapshot read(ApiClient client, Collection<String> namespaces,
      boolean withNodes, int pageSize) throws SnapshotException {
    checkNotNull(client, "client");
    return read(gatewayOf(client), namespaces, withNodes, pageSize);
  }

  /**
   * Reads what {@link #read(ApiClient, Collection, int)} does through {@code gateway}, which may
   * be another client's (see {@link KubeGateway}); with {@code withNodes}, the Nodes too, as
   * {@link #readWithNodes(ApiClient, Collection, int)} does. Wrap the gateway in {@link
   * RetryingGateway} for reads that ride out throttling and lost connections.
   *
   * @throws SnapshotException as {@link #read(ApiClient, Collection)} does
   * @throws IllegalArgumentException if a namespace is empty or {@code pageSize} is not positive
   */
  public static ClusterSnapshot read(KubeGateway gateway, Collection<String> namespaces, boolean withNodes,
      int pageSize) throws SnapshotException {
    checkNotNull(gateway, "gateway");
    checkArgument(pageSize > 0, "the page size must be positive, not %s", pageSize);
    ImmutableSet<String> wanted = ImmutableSet.copyOf(namespaces);
    wanted.forEach(namespace -> checkArgument(!namespace.isEmpty(), "a namespace is empty"));
    List<Claim> claims = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (String namespace : wanted) {
      ListQuery query = ListQuery.in(namespace).withPageSize(pageSize);
      claims.addAll(list(gateway, ResourceType.PERSISTENT_VOLUME_CLAIM, query, V1PersistentVolumeClaim.class,
          ModelAdapter::claim));
      pods.addAll(list(gateway, ResourceType.POD, query, V1Pod.class, ModelAdapter::pod));
    }
    ListQuery clusterWide = ListQuery.clusterWide().withPageSize(pageSize);
    List<PersistentVolume> volumes = list(gateway, ResourceType.PERSISTENT_VOLUME, clusterWide,
        V1PersistentVolume.class, ModelAdapter::volume);
    ClusterSnapshot snapshot = ClusterSnapshot.of(claims, volumes, pods);
    if (!withNodes) {
      return snapshot;
    }
    return snapshot.withNodes(list(gateway, ResourceType.NODE, clusterWide, V1Node.class, ModelAdapter::node));
  }

  // The reads' gateway: client-java's, retried as the executor's calls are.
  private static KubeGateway gatewayOf(ApiClient client) {
    return RetryingGateway.of(ClientJavaGateway.of(client), RetryPolicy.defaults());
  }

  // Each page is converted as it arrives, so no more than a page of client-java objects is held.
  private static <V, M> ImmutableList<M> list(KubeGateway gateway, ResourceType type, ListQuery query,
      Class<V> model, Function<V, M> adapter) throws SnapshotException {
    List<M> models = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try {
      gateway.list(type, query, new ListConsumer() {
        @Override
        public void accept(JsonObject item) {
          if (!unreadable.isEmpty()) {
            return;
          }
          String at = "items[" + models.size() + "]";
          try {
            models.add(adapter.apply(ModelGson.fromTree(item, model)));
          } catch (FieldTypeException e) {
            unreadable.add(at + "." + e.field() + ": expected " + e.expected());
          } catch (IllegalArgumentException e) {
            unreadable.add(at + ": " + e.getMessage());
          }
        }

        @Override
        public void restart() {
          models.clear();
          unreadable.clear();
        }
      });
    } catch (KubeFailure e) {
      throw new SnapshotException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("reading " + type + " was interrupted", e);
    }
    if (!unreadable.isEmpty()) {
      throw new SnapshotException("the API server listed " + type.plural() + " with " + unreadable.get(0));
    }
    return ImmutableList.copyOf(models);
  }
}

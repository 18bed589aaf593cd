package io.k8up.examples.operator;

import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.ClusterSnapshots;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The informers of the watched namespaces' claims and pods and of the PersistentVolumes, and the
 * snapshot their caches hold. A {@link SharedInformerFactory} keeps one informer per type, so each
 * namespace has its own factory, and the PersistentVolumes one more.
 */
final class InformerCaches {

  private static final long NO_RESYNC = 0;

  private final List<SharedInformerFactory> factories = new ArrayList<>();
  private final Map<String, SharedIndexInformer<V1PersistentVolumeClaim>> claims = new LinkedHashMap<>();
  private final Map<String, SharedIndexInformer<V1Pod>> pods = new LinkedHashMap<>();
  private final SharedIndexInformer<V1PersistentVolume> volumes;

  InformerCaches(Collection<String> namespaces, InformerSources sources) {
    for (String namespace : namespaces) {
      SharedInformerFactory factory = newFactory();
      claims.put(namespace, factory.sharedIndexInformerFor(
          sources.claims(namespace), V1PersistentVolumeClaim.class, NO_RESYNC));
      pods.put(namespace, factory.sharedIndexInformerFor(sources.pods(namespace), V1Pod.class, NO_RESYNC));
    }
    volumes = newFactory().sharedIndexInformerFor(sources.volumes(), V1PersistentVolume.class, NO_RESYNC);
  }

  private SharedInformerFactory newFactory() {
    ExecutorService threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "k8up-rwo-informer");
      thread.setDaemon(true);
      return thread;
    });
    // Informers built from ListerWatchers make every request through them and never use the
    // factory's client, which SharedInformerFactory requires to have no read timeout.
    SharedInformerFactory factory = new SharedInformerFactory(new ApiClient().setReadTimeout(0), threads, true);
    factories.add(factory);
    return factory;
  }

  /** Starts every informer: each lists once, then follows its watch. */
  void start() {
    factories.forEach(SharedInformerFactory::startAllRegisteredInformers);
  }

  /** Stops every informer and its threads. */
  void stop() {
    factories.forEach(factory -> factory.stopAllRegisteredInformers(true));
  }

  /** Whether every informer has listed once, so that its cache holds the whole namespace or cluster. */
  boolean hasSynced() {
    return Stream.of(claims.values().stream(), pods.values().stream(), Stream.of(volumes))
        .flatMap(informers -> informers)
        .allMatch(SharedIndexInformer::hasSynced);
  }

  /**
   * What the caches hold now, for the {@code wanted} namespaces that are watched; makes no request.
   *
   * @throws SnapshotException if a cached object cannot be converted
   */
  ClusterSnapshot snapshot(Collection<String> wanted) throws SnapshotException {
    List<V1PersistentVolumeClaim> cachedClaims = new ArrayList<>();
    List<V1Pod> cachedPods = new ArrayList<>();
    for (String namespace : wanted) {
      if (claims.containsKey(namespace)) {
        cachedClaims.addAll(claims.get(namespace).getIndexer().list());
        cachedPods.addAll(pods.get(namespace).getIndexer().list());
      }
    }
    try {
      return ClusterSnapshots.of(cachedClaims, volumes.getIndexer().list(), cachedPods);
    } catch (IllegalArgumentException e) {
      throw new SnapshotException("the informer caches hold " + e.getMessage(), e);
    }
  }
}

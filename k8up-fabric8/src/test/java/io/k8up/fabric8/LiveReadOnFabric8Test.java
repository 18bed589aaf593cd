package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live read through a fabric8 client makes the requests the client-java read makes: per
 * namespace one page of claims and one of pods, then one of PersistentVolumes, each a list of at
 * most a page, whatever the number of objects under a page.
 */
@Timeout(30)
class LiveReadOnFabric8Test {

  @RegisterExtension final Fabric8MockServer api = new Fabric8MockServer();

  @Test
  void aLiveReadListsClaimsAndPodsPerNamespaceAndVolumesOnceInPages() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      api.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
          .withNamespace("shop").endMetadata().withNewSpec().withNodeName("worker-1").addNewContainer()
          .withName("app").withImage("app").endContainer().endSpec().build()).create();
    }
    api.takeRecorded();

    ClusterSnapshot snapshot = LiveSnapshots.read(Fabric8Gateway.of(api.client()), List.of("shop", "other"), false,
        LiveSnapshots.DEFAULT_PAGE_SIZE);

    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("a", "b", "c");
    assertThat(api.takeRecorded()).extracting(request -> request.getMethod() + " " + request.getPath())
        .containsExactly(
            "GET /api/v1/namespaces/shop/persistentvolumeclaims?limit=500",
            "GET /api/v1/namespaces/shop/pods?limit=500",
            "GET /api/v1/namespaces/other/persistentvolumeclaims?limit=500",
            "GET /api/v1/namespaces/other/pods?limit=500",
            "GET /api/v1/persistentvolumes?limit=500");
  }
}

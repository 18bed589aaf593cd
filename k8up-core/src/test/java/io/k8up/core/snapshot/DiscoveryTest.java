package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.DiscoveryPath;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.testing.MockApiServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discovering what the API server is and serves; the mock server's discovery is scripted. */
class DiscoveryTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();

  // The mock server answers /version itself, with version 0.0, which counts as unknown.
  private void serveVersionAndCore() {
    api.server().expect().get().withPath("/api/v1/").andReturn(200, """
        {"kind":"APIResourceList","groupVersion":"v1","resources":[
          {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"]},
          {"name":"pods/ephemeralcontainers","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch"]}
        ]}""").always();
  }

  @Test
  void findsTheVersionAndTheServedResourcesOfCoreAndOfAskedGroups() {
    serveVersionAndCore();
    api.server().expect().get().withPath("/apis/snapshot.storage.k8s.io/v1").andReturn(200, """
        {"kind":"APIResourceList","groupVersion":"snapshot.storage.k8s.io/v1","resources":[
          {"name":"volumesnapshots","singularName":"volumesnapshot","namespaced":true,"kind":"VolumeSnapshot","verbs":["create"]}
        ]}""").always();

    ClusterCapabilities capabilities = LiveSnapshots.discover(api.client(),
        List.of("snapshot.storage.k8s.io/v1", "example.com/v1"));

    assertThat(capabilities.discovered()).isTrue();
    assertThat(capabilities.version()).isEmpty();
    assertThat(capabilities.serves("pods/ephemeralcontainers")).contains(true);
    assertThat(capabilities.serves("snapshot.storage.k8s.io/v1/volumesnapshots")).contains(true);
    assertThat(capabilities.serves("example.com/v1/widgets")).as("a group the server does not serve").contains(false);
  }

  @Test
  void aServerWhoseCoreDiscoveryListsNothingLeavesEverythingUnknown() {
    ClusterCapabilities capabilities = LiveSnapshots.discover(api.client(), List.of());

    assertThat(capabilities).isEqualTo(ClusterCapabilities.unknown());
    assertThat(capabilities.serves("pods/ephemeralcontainers")).isEmpty();
    assertThat(capabilities.isAtLeast(1, 25)).isEmpty();
  }

  @Test
  void theGatewayReadsDiscoveryDocumentsAndNothingElse() throws Exception {
    KubeGateway gateway = ClientJavaGateway.of(api.client());

    assertThat(gateway.discovery(DiscoveryPath.group("example.com/v1"))).isPresent();
    for (String path : List.of("/api/v1/namespaces/shop/secrets", "/apis/example.com/v1/widgets", "/api/v1/../x",
        "/apis/Example.com/v1", "/version/x")) {
      assertThatThrownBy(() -> gateway.discovery(path)).as(path).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a discovery path: " + path);
    }
    assertThatThrownBy(() -> LiveSnapshots.discover(gateway, List.of("example.com")))
        .hasMessage("\"example.com\" is not a group version such as snapshot.storage.k8s.io/v1");
  }

  @Test
  void capabilitiesTravelWithTheSnapshot() {
    serveVersionAndCore();
    ClusterSnapshot snapshot = ClusterSnapshot.empty();

    ClusterSnapshot discovered = snapshot.withCapabilities(LiveSnapshots.discover(api.client(), List.of()));

    assertThat(snapshot.capabilities().discovered()).isFalse();
    assertThat(discovered.capabilities().serves("pods/ephemeralcontainers")).contains(true);
    assertThat(discovered.inNamespaces(List.of("x")).capabilities()).isEqualTo(discovered.capabilities());
  }

  @Test
  void versionsAreComparedByMajorAndMinor() {
    ClusterCapabilities eks = ClusterCapabilities.builder().version("v1.31.2-eks-7f9249a").build();
    assertThat(eks.isAtLeast(1, 25)).contains(true);
    assertThat(eks.isAtLeast(1, 32)).contains(false);
    assertThat(ClusterCapabilities.builder().version("v1.9.0").build().isAtLeast(1, 25)).contains(false);
    assertThat(ClusterCapabilities.builder().version("v2.0").build().isAtLeast(1, 25)).contains(true);
    assertThat(ClusterCapabilities.builder().version("banana").build().isAtLeast(1, 25)).isEmpty();
    assertThatThrownBy(() -> LiveSnapshots.discover(api.client(), List.of("snapshot.storage.k8s.io")))
        .hasMessageContaining("not a group version");
  }
}

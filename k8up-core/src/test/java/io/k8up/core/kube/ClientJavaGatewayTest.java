package io.k8up.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.testing.MockApiServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client-java gateway against the mock API server over real HTTP. */
@Timeout(30)
class ClientJavaGatewayTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private static JsonObject job(String name, String run) {
    return JsonParser.parseString("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"shop\",\"labels\":{\"run\":\"" + run + "\"}},\"spec\":{\"template\":{\"spec\":{"
        + "\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}},"
        + "\"aFieldFromANewerServer\":{\"kept\":true}}").getAsJsonObject();
  }

  @Test
  void createsGetsListsBySelectorAndDeletesObjectsOfAnyType() throws Exception {
    KubeGateway gateway = ClientJavaGateway.of(api.client());

    gateway.create(ResourceType.JOB, job("a", "r1"));
    gateway.create(ResourceType.JOB, job("b", "r2"));

    assertThat(gateway.get(ResourceType.JOB, "shop", "a")).get()
        .satisfies(object -> assertThat(object.getAsJsonObject("metadata").get("name").getAsString()).isEqualTo("a"));
    assertThat(gateway.get(ResourceType.JOB, "shop", "missing")).isEmpty();
    List<JsonObject> selected = gateway.list(ResourceType.JOB, ListQuery.in("shop").withLabels("run=r2"));
    assertThat(selected).extracting(object -> object.getAsJsonObject("metadata").get("name").getAsString())
        .containsExactly("b");

    gateway.delete(ResourceType.JOB, "shop", "a", Precondition.none());
    gateway.delete(ResourceType.JOB, "shop", "a", Precondition.none());
    assertThat(gateway.get(ResourceType.JOB, "shop", "a")).as("deleted, and a second delete is fine").isEmpty();
    assertThat(gateway.requestCount()).isEqualTo(api.requestCount());
  }

  @Test
  void anExistingNameIsAConflictAndARefusalSaysWhatToGrant() throws Exception {
    KubeGateway gateway = ClientJavaGateway.of(api.client());
    gateway.create(ResourceType.JOB, job("a", "r1"));

    assertThatThrownBy(() -> gateway.create(ResourceType.JOB, job("a", "r1")))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isConflict()).isTrue());

    api.server().expect().post().withPath("/api/v1/namespaces/shop/persistentvolumeclaims")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no\"}").once();
    JsonObject claim = JsonParser.parseString("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
        + "\"metadata\":{\"name\":\"t\",\"namespace\":\"shop\"}}").getAsJsonObject();
    assertThatThrownBy(() -> gateway.create(ResourceType.PERSISTENT_VOLUME_CLAIM, claim))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isForbidden()).isTrue())
        .hasMessage("forbidden: cannot create persistentvolumeclaims in namespace shop; grant \"create\" on"
            + " persistentvolumeclaims in namespace shop");
  }

  @Test
  void aDeleteWhosePreconditionNoLongerHoldsIsAConflict() throws Exception {
    KubeGateway gateway = ClientJavaGateway.of(api.client());
    JsonObject created = gateway.create(ResourceType.JOB, job("a", "r1"));
    api.server().expect().delete().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"message\":\"Precondition failed: UID in precondition\"}")
        .once();

    assertThatThrownBy(() -> gateway.delete(ResourceType.JOB, "shop", "a", Precondition.unchanged(created)))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isConflict()).isTrue())
        .hasMessageContaining("Precondition failed");
    assertThat(Precondition.unchanged(created).uid()).isPresent();
    assertThat(api.takeRequests()).anySatisfy(request -> assertThat(request).startsWith("DELETE"));
  }

  @Test
  void anUnreachableServerIsOneFailureNamingTheServer() {
    KubeGateway gateway = ClientJavaGateway.of(MockApiServer.clientFor("http://127.0.0.1:9"));

    assertThatThrownBy(() -> gateway.get(ResourceType.POD, "shop", "p"))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isTransient()).isTrue())
        .hasMessageStartingWith("cannot connect to the Kubernetes API server at http://127.0.0.1:9 to get pods in"
            + " namespace shop");
  }
}

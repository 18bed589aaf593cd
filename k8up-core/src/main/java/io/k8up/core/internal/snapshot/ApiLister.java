package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs one list request against the API server and reads the answer with {@link ModelGson}.
 *
 * <p>The call is built by client-java's fluent API but executed here rather than with {@code
 * execute()}: client-java's own deserialization rejects every field it does not know, so a newer
 * API server would make every read fail.
 */
public final class ApiLister {

  /** Builds the request, as client-java's {@code buildCall(null)} does. */
  @FunctionalInterface
  public interface CallBuilder {
    Call build() throws ApiException;
  }


  private final String server;

  /** A lister for the server {@code client} points at. */
  public ApiLister(ApiClient client) {
    this.server = ServerAddress.withoutCredentials(client.getBasePath());
  }

  /**
   * The list the server returns for {@code resource}.
   *
   * @throws SnapshotException if the server cannot be reached, refuses the request, or answers
   *     with something that is not such a list
   */
  public <T> T list(CallBuilder request, Class<T> type, ListedResource resource)
      throws SnapshotException {
    return read(request, type, resource);
  }

  private <T> T read(CallBuilder request, Class<T> type, ListedResource resource) throws SnapshotException {
    ApiFailures failures = new ApiFailures(server, resource);
    try (Response response = request.build().execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw failures.forStatus(response.code(), text);
      }
      T list = read(JsonParser.parseString(text), type, failures);
      if (list == null) {
        throw failures.empty();
      }
      return list;
    } catch (ApiException e) {
      throw failures.forStatus(e.getCode(), e.getResponseBody());
    } catch (JsonParseException e) {
      throw failures.unreadable("the answer is not JSON", e);
    } catch (IOException e) {
      throw failures.forConnection(e);
    }
  }

  private static <T> T read(JsonElement tree, Class<T> type, ApiFailures failures)
      throws SnapshotException {
    try {
      return ModelGson.fromTree(tree, type);
    } catch (FieldTypeException e) {
      throw failures.unreadable(e.field() + ": expected " + e.expected(), e);
    }
  }
}

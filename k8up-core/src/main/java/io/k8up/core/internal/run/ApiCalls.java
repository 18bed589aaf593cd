package io.k8up.core.internal.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.k8up.core.run.ExecutorOptions;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Makes API requests for the executor: throttling (429), server errors (5xx) and lost connections
 * are retried with a bounded, growing backoff; every other refusal is returned to the caller at
 * once. Answers are parsed as JSON trees, read leniently later, because client-java's own
 * deserialization rejects fields it does not know. Counts every HTTP request it makes.
 */
final class ApiCalls {

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final int attempts;
  private final Duration initialBackoff;
  private final AtomicLong requests = new AtomicLong();

  /** Calls retried as {@code options} say: {@code apiAttempts} tries, from {@code apiBackoff}, doubling up to 5 s. */
  ApiCalls(ExecutorOptions options) {
    this.attempts = options.apiAttempts();
    this.initialBackoff = options.apiBackoff();
  }

  /**
   * The server's answer to {@code request}.
   *
   * @throws ApiCallException if the server refuses, or the retries run out
   * @throws InterruptedException if interrupted while backing off
   */
  JsonElement call(ApiRequest request) throws ApiCallException, InterruptedException {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      ApiCallException failure;
      try {
        return once(request);
      } catch (ApiCallException e) {
        failure = e;
      }
      if (!isTransient(failure.code()) || attempt >= attempts) {
        throw failure;
      }
      Thread.sleep(backoff.toMillis());
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /** How many HTTP requests were made, retries included. */
  long requestCount() {
    return requests.get();
  }

  private JsonElement once(ApiRequest request) throws ApiCallException {
    requests.incrementAndGet();
    try (Response response = request.call().build().execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw ApiCallException.forStatus(request, response.code(), text);
      }
      return text.isBlank() ? JsonNull.INSTANCE : JsonParser.parseString(text);
    } catch (ApiException e) {
      throw ApiCallException.forStatus(request, e.getCode(), e.getResponseBody());
    } catch (IOException | JsonParseException e) {
      throw ApiCallException.forConnection(request, e);
    }
  }

  private static boolean isTransient(int code) {
    return code == 0 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }
}

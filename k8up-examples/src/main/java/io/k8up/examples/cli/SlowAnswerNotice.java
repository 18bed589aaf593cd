package io.k8up.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Says on standard error when a request to the API server has waited a few seconds for its answer,
 * whichever command made it, so that no wait for a slow or silent server is a silent one.
 */
final class SlowAnswerNotice implements Interceptor {

  /** How long a request waits before it is said to wait. */
  static final Duration QUIET = Duration.ofSeconds(3);

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "k8up-rwo-slow-answer");
    thread.setDaemon(true);
    return thread;
  });

  private final String server;
  private final PrintWriter err;

  SlowAnswerNotice(String server, PrintWriter err) {
    this.server = server;
    this.err = err;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    // A watch waits for events by design, so its wait says nothing about the server.
    if ("true".equals(request.url().queryParameter("watch"))) {
      return chain.proceed(request);
    }
    ScheduledFuture<?> notice = TIMER.schedule(() -> {
      err.println("k8up-rwo: waiting for the API server at " + server + " to answer " + request.method() + " "
          + request.url().encodedPath() + " (a try gives up after " + DurationText.of(Kubeconfigs.LONGEST_WAIT) + ")");
      err.flush();
    }, QUIET.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return chain.proceed(request);
    } finally {
      notice.cancel(false);
    }
  }
}

package io.k8up.core.testing;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays the Job controller of a cluster against the mock API server: looks at the Jobs of one
 * namespace every few milliseconds, records which exist at each look, and finishes them as a
 * script says. Closing it stops it and rethrows the first error it met, so a broken controller
 * fails the test instead of hanging it.
 */
public final class FakeJobController implements AutoCloseable {

  /** What to do with a Job at one look. */
  public enum Verdict {
    KEEP_RUNNING,
    COMPLETE,
    FAIL
  }

  /** Decides a Job's fate; {@code looks} counts the looks at it, from 1. */
  @FunctionalInterface
  public interface Script {
    Verdict decide(V1Job job, int looks) throws ApiException;
  }

  private static final Duration INTERVAL = Duration.ofMillis(5);

  private final BatchV1Api batch;
  private final String namespace;
  private final Script script;
  private final Thread thread;
  private final List<Set<String>> samples = new ArrayList<>();
  private final Map<String, Integer> looks = new HashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean stopped;

  private FakeJobController(ApiClient client, String namespace, Script script) {
    this.batch = new BatchV1Api(client);
    this.namespace = namespace;
    this.script = script;
    this.thread = new Thread(this::loop, "fake-job-controller");
    this.thread.setDaemon(true);
  }

  /** A controller of the Jobs in {@code namespace}, started. */
  public static FakeJobController start(ApiClient client, String namespace, Script script) {
    FakeJobController controller = new FakeJobController(client, namespace, script);
    controller.thread.start();
    return controller;
  }

  /** A script that completes every Job at its {@code looks}-th look. */
  public static Script completeAfter(int looks) {
    return (job, seen) -> seen >= looks ? Verdict.COMPLETE : Verdict.KEEP_RUNNING;
  }

  /** The names of the Jobs that existed at each look, oldest look first. */
  public synchronized List<Set<String>> samples() {
    return List.copyOf(samples);
  }

  /** The names of every Job ever seen. */
  public synchronized Set<String> seen() {
    return Set.copyOf(looks.keySet());
  }

  private void loop() {
    while (!stopped) {
      try {
        List<V1Job> jobs = batch.listNamespacedJob(namespace).execute().getItems();
        Set<String> present = new LinkedHashSet<>();
        for (V1Job job : jobs) {
          present.add(job.getMetadata().getName());
        }
        synchronized (this) {
          samples.add(present);
        }
        for (V1Job job : jobs) {
          if (isFinished(job)) {
            continue;
          }
          int seen;
          synchronized (this) {
            seen = looks.merge(job.getMetadata().getName(), 1, Integer::sum);
          }
          finish(job, script.decide(job, seen));
        }
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (ApiException e) {
        // A Job deleted between the list and the update is not a failure of the controller, nor
        // a request cut short by close().
        if (!stopped && e.getCode() != 404 && e.getCode() != 409) {
          failure.compareAndSet(null, e);
          return;
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        return;
      }
    }
  }

  private void finish(V1Job job, Verdict verdict) throws ApiException {
    if (verdict == Verdict.KEEP_RUNNING) {
      return;
    }
    String type = verdict == Verdict.COMPLETE ? "Complete" : "Failed";
    V1JobCondition condition = new V1JobCondition().type(type).status("True");
    if (verdict == Verdict.FAIL) {
      condition.reason("BackoffLimitExceeded").message("Job has reached the specified backoff limit");
    }
    job.status(new V1JobStatus().conditions(List.of(condition)));
    batch.replaceNamespacedJobStatus(job.getMetadata().getName(), namespace, job).execute();
  }

  private static boolean isFinished(V1Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null
        && !job.getStatus().getConditions().isEmpty();
  }

  /**
   * Stops the controller.
   *
   * @throws IllegalStateException if it met an error, or does not stop within five seconds
   */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(5).toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException("the fake Job controller did not stop");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the fake Job controller failed", failure.get());
    }
  }
}

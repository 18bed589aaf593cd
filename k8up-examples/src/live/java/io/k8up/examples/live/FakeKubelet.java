package io.k8up.examples.live;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code fake_kubelet.py} of the kube-lab, run for one namespace as a subprocess: bound pods run,
 * Job pods finish after a while, and with snapshots VolumeSnapshots become ready. Its log is what
 * the checks assert on.
 */
final class FakeKubelet implements AutoCloseable {

  // Bounded: the script stops by itself even if a check never closes it.
  private static final Duration LIFETIME = Duration.ofMinutes(15);

  private final Process process;
  private final Path log;

  private FakeKubelet(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Plays the kubelet in the lab's namespace, logging to {@code <name>.jsonl} in {@code dir}; each
   * backup pod runs for {@code runFor}.
   */
  static FakeKubelet start(LiveLab lab, Path dir, String name, Duration runFor, boolean snapshots)
      throws IOException {
    Path log = dir.resolve(name + ".jsonl");
    Files.createFile(log);
    List<String> command = new ArrayList<>(List.of("python3", LiveLab.labFile("fake_kubelet.py").toString(),
        log.toString(), "--namespace", lab.namespace(), "--seconds", Long.toString(LIFETIME.toSeconds()),
        "--run-for", Double.toString(runFor.toMillis() / 1000.0)));
    if (snapshots) {
      command.add("--snapshots");
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile());
    builder.environment().put("KUBECONFIG", lab.kubectl().kubeconfig().toString());
    return new FakeKubelet(builder.start(), log);
  }

  /** Every line logged so far. */
  ImmutableList<KubeletEvent> events() throws IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> !line.isBlank())
        .map(KubeletEvent::parse)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Waits until some backup has started, up to {@code timeout}; the first such event.
   *
   * @throws IllegalStateException if none started in time
   */
  KubeletEvent awaitBackupStarted(Duration timeout) throws IOException, InterruptedException {
    return await(KubeletEvent::startsBackup, "no backup pod ran", timeout);
  }

  /**
   * Waits until an event matches {@code wanted}, up to {@code timeout}; the first such event.
   *
   * @throws IllegalStateException saying {@code otherwise} if none came in time
   */
  KubeletEvent await(Predicate<KubeletEvent> wanted, String otherwise, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (KubeletEvent event : events()) {
        if (wanted.test(event)) {
          return event;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(otherwise + " within " + timeout.toSeconds() + " s; log: " + events());
  }

  /** Stops the script; calling it again does nothing. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package io.k8up.examples.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a backup so that Ctrl-C or a termination signal interrupts it, lets it delete what it
 * created and print its report, and then ends the process with the report's exit code.
 *
 * <p>The JVM runs shutdown hooks on a signal, and {@link System#exit} called while they run blocks
 * for good. So the hook does not wait for the main thread to end: it waits until {@link #exit}
 * hands it the exit code, then halts with that code. Without a signal, {@link #exit} is a plain
 * {@link System#exit}.
 */
final class InterruptibleRun {

  /** How long a signal waits for the run to clean up and report before the process ends anyway. */
  static final Duration CLEANUP_GRACE = Duration.ofSeconds(60);

  /** The exit code of a process ended by a signal before its run reported, as shells give it. */
  static final int SIGNALLED = 130;

  private static final CountDownLatch REPORTED = new CountDownLatch(1);
  private static volatile int exitCode = SIGNALLED;
  private static volatile boolean signalled;

  private InterruptibleRun() {}

  /** Runs {@code run} on this thread; a signal meanwhile interrupts it. */
  static <T> T run(Supplier<T> run) {
    Thread runner = Thread.currentThread();
    Thread onSignal = new Thread(() -> {
      signalled = true;
      runner.interrupt();
      try {
        REPORTED.await(CLEANUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(exitCode);
    }, "k8up-rwo-shutdown");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      return run.get();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running and waits for exit().
      }
    }
  }

  /** Ends the process with {@code code}: at once, or through the running hook after a signal. */
  static void exit(int code) {
    exitCode = code;
    REPORTED.countDown();
    if (!signalled) {
      System.exit(code);
    }
    // The hook halts the JVM with the code; this thread only waits for that.
    while (true) {
      try {
        Thread.sleep(CLEANUP_GRACE.toMillis());
      } catch (InterruptedException e) {
        // Still waiting for the hook.
      }
    }
  }
}

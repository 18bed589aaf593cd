package io.k8up.core.internal.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes of an output, for error messages: a command's or a tool's standard error can be
 * long, and only its end says why it failed. Thread-safe: one thread drains, another reads.
 */
public final class OutputTail {

  /** How much of a standard error a report keeps. */
  public static final int DEFAULT_LIMIT = 4096;

  private final byte[] ring;
  private long total;

  public OutputTail(int limit) {
    this.ring = new byte[limit];
  }

  /** Reads {@code in} to its end on a daemon thread named {@code name}, keeping the tail. */
  public Thread drain(InputStream in, String name) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          append(buffer, n);
        }
      } catch (IOException e) {
        // The stream was cut: what arrived so far is the tail.
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  synchronized void append(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) (total++ % ring.length)] = bytes[i];
    }
  }

  /** The tail as text, trimmed; prefixed with an ellipsis when earlier output was dropped. */
  public synchronized String text() {
    int kept = (int) Math.min(total, ring.length);
    byte[] tail = new byte[kept];
    int start = (int) ((total - kept) % ring.length);
    for (int i = 0; i < kept; i++) {
      tail[i] = ring[(start + i) % ring.length];
    }
    String text = new String(tail, StandardCharsets.UTF_8).strip();
    return total > ring.length ? "…" + text : text;
  }
}

package io.k8up.examples.operator;

import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watch events a test sends to an informer: each {@link #watch()} is a {@link Watchable} that
 * waits for the events {@link #add}ed, until the informer closes it. Stands in for the API
 * server's watch, which the mock server serves only over WebSocket.
 */
final class WatchQueue<T> {

  private final BlockingQueue<Watch.Response<T>> events = new LinkedBlockingQueue<>();

  /** Sends {@code object} as an event of {@code type}, such as {@code ADDED} or {@code MODIFIED}. */
  void add(String type, T object) {
    events.add(new Watch.Response<>(type, object));
  }

  Watchable<T> watch() {
    return new Watchable<>() {
      private volatile boolean closed;
      private Watch.Response<T> next;

      @Override
      public boolean hasNext() {
        try {
          while (next == null && !closed) {
            next = events.poll(20, TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return next != null;
      }

      @Override
      public Watch.Response<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the watch is closed");
        }
        Watch.Response<T> event = next;
        next = null;
        return event;
      }

      @Override
      public Iterator<Watch.Response<T>> iterator() {
        return this;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}

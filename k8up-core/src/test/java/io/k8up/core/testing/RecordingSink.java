package io.k8up.core.testing;

import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.SinkReceipt;
import io.k8up.core.sink.SinkWriter;
import io.k8up.core.sink.StreamTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BackupSink} that keeps each stream in memory, and remembers which were committed and
 * which aborted, so that tests see what a run would have stored.
 */
public final class RecordingSink implements BackupSink {

  private final Map<String, ByteArrayOutputStream> received = new ConcurrentHashMap<>();
  private final List<StreamTarget> opened = new CopyOnWriteArrayList<>();
  private final List<String> committed = new CopyOnWriteArrayList<>();
  private final List<String> aborted = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();

  @Override
  public SinkWriter open(StreamTarget target) {
    opened.add(target);
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    received.put(target.fileName(), bytes);
    AtomicBoolean ended = new AtomicBoolean();
    return new SinkWriter() {
      @Override
      public OutputStream stream() {
        return bytes;
      }

      @Override
      public SinkReceipt commit() {
        end(ended);
        committed.add(target.fileName());
        return SinkReceipt.of(Optional.of("snapshot-of-" + target.fileName()));
      }

      @Override
      public void abort() {
        end(ended);
        aborted.add(target.fileName());
      }
    };
  }

  private void end(AtomicBoolean ended) {
    if (ended.compareAndSet(false, true)) {
      open.decrementAndGet();
    }
  }

  /** The most streams that were open at one time. */
  public int mostOpenAtOnce() {
    return mostOpen.get();
  }

  /** The streams opened, in order. */
  public List<StreamTarget> opened() {
    return opened;
  }

  /** The bytes written to the stream of {@code fileName} so far. */
  public byte[] bytes(String fileName) {
    ByteArrayOutputStream bytes = received.get(fileName);
    return bytes == null ? new byte[0] : bytes.toByteArray();
  }

  /** The file names committed, in order. */
  public List<String> committed() {
    return committed;
  }

  /** The file names aborted, in order. */
  public List<String> aborted() {
    return aborted;
  }

  /** A sink whose every open fails with {@code message}. */
  public static BackupSink failingToOpen(String message) {
    return target -> {
      throw new IOException(message);
    };
  }
}

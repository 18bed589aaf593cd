package io.k8up.fabric8.internal;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One output channel of an exec session as a stream: the socket's thread offers each message's
 * bytes, a reader takes them. Unlike a {@link java.io.PipedInputStream}, no thread owns either end.
 * The session asks the socket for more messages only while few are waiting here, so a slow reader
 * holds the command back instead of filling memory.
 */
final class ChannelStream extends InputStream {

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private final Runnable onTaken;
  private byte[] current;
  private int position;

  ChannelStream(Runnable onTaken) {
    this.onTaken = onTaken;
  }

  /** Adds what arrived on the channel. */
  void offer(byte[] chunk) {
    if (chunk.length > 0) {
      chunks.add(chunk);
    }
  }

  /** The channel ends: once what arrived is read, reads return -1. */
  void finish() {
    chunks.add(END);
  }

  /** How many messages wait to be read. */
  int waiting() {
    return chunks.size();
  }

  @Override
  public int read() throws InterruptedIOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (current == END) {
      return -1;
    }
    if (current == null || position == current.length) {
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the command's output");
      }
      position = 0;
      onTaken.run();
      if (current == END) {
        return -1;
      }
    }
    int count = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, count);
    position += count;
    return count;
  }

  @Override
  public void close() {
    finish();
  }
}

package io.k8up.examples.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A pipe that never ends: a prefix, then one unit again and again; counts what was read. */
final class EndlessInput extends InputStream {

  private final byte[] prefix;
  private final byte[] unit;
  private long served;

  EndlessInput(String prefix, String unit) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.unit = unit.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int read() {
    byte b = served < prefix.length ? prefix[(int) served] : unit[(int) ((served - prefix.length) % unit.length)];
    served++;
    return b & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    for (int i = 0; i < length; i++) {
      buffer[offset + i] = (byte) read();
    }
    return length;
  }

  /** How many bytes the reader took before it stopped. */
  long served() {
    return served;
  }
}

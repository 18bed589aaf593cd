package io.k8up.examples.cli;

import java.time.Duration;

/** Durations as kubectl writes them: {@code 1h30m}, {@code 2m5s}, {@code 40s}, {@code 0s}. */
final class DurationText {

  private DurationText() {}

  /** {@code duration} in whole seconds as hours, minutes and seconds, leaving out the parts that are zero. */
  static String of(Duration duration) {
    long seconds = duration.getSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0 || text.length() == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}

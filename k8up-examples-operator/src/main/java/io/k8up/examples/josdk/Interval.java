package io.k8up.examples.josdk;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;

/** Reads a schedule's interval: a positive number and a unit, {@code s}, {@code m}, {@code h} or {@code d}. */
public final class Interval {

  /** What the CRD accepts, the same rule {@link #parse} applies. */
  public static final String PATTERN = "^[1-9][0-9]{0,5}[smhd]$";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);
  private static final Map<Character, ChronoUnit> UNITS = Map.of(
      's', ChronoUnit.SECONDS, 'm', ChronoUnit.MINUTES, 'h', ChronoUnit.HOURS, 'd', ChronoUnit.DAYS);

  private Interval() {}

  /**
   * The duration {@code text} names, e.g. {@code 90m}.
   *
   * @throws IllegalArgumentException if {@code text} is not a number of 1 to 6 digits and a unit
   */
  public static Duration parse(String text) {
    Matcher matcher = COMPILED.matcher(text == null ? "" : text);
    checkArgument(matcher.matches(),
        "interval \"%s\" is not a number and a unit (s, m, h or d): write e.g. 30m or 1h", text);
    return Duration.of(Long.parseLong(text.substring(0, text.length() - 1)),
        UNITS.get(text.charAt(text.length() - 1)));
  }
}

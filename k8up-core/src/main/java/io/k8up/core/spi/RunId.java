package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Names one backup run. Every object a run creates carries it in its name and labels, so a process
 * started again with the same id adopts what the first one created instead of doubling it.
 */
public final class RunId {

  /** At most this long, so that names built from it stay within Kubernetes' 63 characters. */
  public static final int MAX_LENGTH = 20;

  private static final Pattern VALID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final String value;

  private RunId(String value) {
    this.value = value;
  }

  /**
   * The run id {@code value}.
   *
   * @throws IllegalArgumentException unless {@code value} is 1 to 20 lower-case letters, digits and
   *     inner dashes
   */
  public static RunId of(String value) {
    checkArgument(
        value.length() <= MAX_LENGTH && VALID.matcher(value).matches(),
        "run id \"%s\" must be 1 to %s lower-case letters, digits and inner dashes", value, MAX_LENGTH);
    return new RunId(value);
  }

  /** A new id: the current time in seconds and four random characters, both in base 36. */
  public static RunId fresh() {
    String time = Long.toString(Instant.now().getEpochSecond(), Character.MAX_RADIX);
    String random = Integer.toString(LazyRandom.INSTANCE.nextInt(36 * 36 * 36 * 36), Character.MAX_RADIX);
    return new RunId(time + "-" + "0".repeat(4 - random.length()) + random);
  }

  /**
   * Made on the first fresh id, not with the class: a run id given on the command line, or the
   * fixed one of printed manifests, needs no random, and a SecureRandom reads the security
   * configuration and opens the system's random devices (about 10 ms of every command's start).
   */
  private static final class LazyRandom {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  /** The id as written in names and labels. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunId that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}

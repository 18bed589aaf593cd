package io.k8up.examples.cli;

import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks option values before anything runs: picocli reports a rejected value in one line that
 * names the option, followed by what it accepts.
 */
final class OptionConverters {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern KUBECTL_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private OptionConverters() {}

  /** A whole number of at least 1. */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int number = Integer.parseInt(value.strip());
        if (number >= 1) {
          return number;
        }
      } catch (NumberFormatException e) {
        // Said below, in the same words as a number below 1.
      }
      throw new TypeConversionException("expected a whole number of at least 1, not \"" + value + "\"");
    }
  }

  /** A namespace's name: a DNS-1123 label. */
  static final class NamespaceName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String name = value.strip();
      if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        throw new TypeConversionException("expected a namespace name (1 to 63 lower-case letters, digits and inner"
            + " dashes), not \"" + value + "\"");
      }
      return name;
    }
  }

  /** A Secret's name: a DNS-1123 subdomain. */
  static final class SecretName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
        throw new TypeConversionException("expected a Secret name (up to 253 lower-case letters, digits, inner dashes"
            + " and dots), not \"" + value + "\"");
      }
      return value;
    }
  }

  /** A container image reference: not empty, no whitespace. */
  static final class Image implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isEmpty() || value.codePoints().anyMatch(Character::isWhitespace)) {
        throw new TypeConversionException("expected an image such as docker.io/restic/restic:0.18.1, not \"" + value
            + "\"");
      }
      return value;
    }
  }

  /** A program to run: not blank. */
  static final class Program implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("expected a program name or path, not an empty value");
      }
      return value;
    }
  }

  /** A strategy id of {@code --strategy-order}, spaces around it ignored. */
  static final class StrategyId implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String id = value.strip();
      if (id.isEmpty()) {
        throw new TypeConversionException("expected strategy ids separated by commas, such as"
            + " job-per-pvc,ephemeral-container; one is empty");
      }
      // Checked here, before a command reads or waits for a cluster, not when the library is built.
      try {
        InstalledStrategies.load().inOrder(List.of(id));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return id;
    }
  }

  /** A run id. */
  static final class RunIdValue implements ITypeConverter<RunId> {
    @Override
    public RunId convert(String value) {
      try {
        return RunId.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code per-claim} or {@code per-node}. */
  static final class GroupingValue implements ITypeConverter<Grouping> {
    @Override
    public Grouping convert(String value) {
      switch (value) {
        case "per-claim":
          return Grouping.PER_CLAIM;
        case "per-node":
          return Grouping.PER_NODE;
        default:
          throw new TypeConversionException("expected per-claim or per-node, not \"" + value + "\"");
      }
    }
  }

  /** As kubectl writes durations ({@code 90s}, {@code 30m}, {@code 1h30m}), or ISO-8601 ({@code PT1H30M}); zero or more. */
  static class DurationValue implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher kubectl = KUBECTL_DURATION.matcher(value);
      try {
        if (!value.isEmpty() && kubectl.matches()) {
          return Duration.ofHours(part(kubectl, 1)).plusMinutes(part(kubectl, 2)).plusSeconds(part(kubectl, 3));
        }
        Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
        if (!duration.isNegative()) {
          return duration;
        }
      } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
        // Said below, as for any other value that is no duration.
      }
      throw new TypeConversionException("expected a duration such as 90s, 30m or 1h30m, not \"" + value + "\"");
    }

    private static long part(Matcher matcher, int group) {
      return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }
  }

  /** As {@link DurationValue}, more than zero. */
  static final class PositiveDuration extends DurationValue {
    @Override
    public Duration convert(String value) {
      Duration duration = super.convert(value);
      if (duration.isZero()) {
        throw new TypeConversionException("expected a duration of more than zero, such as 90s, 30m or 1h30m, not \""
            + value + "\"");
      }
      return duration;
    }
  }
}

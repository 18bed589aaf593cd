package io.k8up.core.testing;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The paths a container sees, each standing for a host directory, and the rewriting of text from
 * the first to the second. A path is rewritten where it is a whole path or the start of one: it
 * begins the text or follows a blank, {@code =}, {@code :}, {@code ,} or a quote, and ends the
 * text or is followed by {@code /} or one of those. The longest path wins, and text is rewritten
 * in one pass, so a host path that happens to contain a container path is never rewritten again.
 */
final class ContainerPaths {

  private static final String SEPARATORS = "\\s=:,'\"";

  private final ImmutableMap<String, Path> hostPaths;
  private final Pattern pattern;

  /** @param hostPaths the host directory of each container path, which is absolute and not {@code /} */
  ContainerPaths(Map<String, Path> hostPaths) {
    this.hostPaths = ImmutableMap.copyOf(hostPaths);
    String alternatives = hostPaths.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
    this.pattern = hostPaths.isEmpty() ? null
        : Pattern.compile("(?<![^" + SEPARATORS + "])(?:" + alternatives + ")(?=$|/|[" + SEPARATORS + "])");
  }

  ImmutableMap<String, Path> hostPaths() {
    return hostPaths;
  }

  /** {@code text} with every container path in it replaced by its host directory. */
  String rewrite(String text) {
    if (pattern == null) {
      return text;
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.replaceAll(match -> Matcher.quoteReplacement(hostPaths.get(match.group()).toString()));
  }
}

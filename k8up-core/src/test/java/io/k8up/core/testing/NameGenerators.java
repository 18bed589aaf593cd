package io.k8up.core.testing;

import static org.quicktheories.generators.SourceDSL.integers;

import io.k8up.core.spi.RunId;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of valid Kubernetes names, biased towards the longest ones, where
 * names built from them break first.
 */
public final class NameGenerators {

  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String INNER = ALPHANUMERIC + "-";

  private NameGenerators() {}

  /** DNS-1123 labels of 1 to {@code maxLength} characters; a third of them exactly that long. */
  public static Gen<String> dns1123Labels(int maxLength) {
    return source -> label(source, length(source, maxLength));
  }

  /**
   * DNS-1123 subdomains, as claims are named: dot-separated labels, up to 253 characters; a third
   * of them exactly 253 long.
   */
  public static Gen<String> dns1123Subdomains() {
    return source -> {
      int remaining = length(source, KubernetesNames.MAX_SUBDOMAIN_LENGTH);
      StringBuilder name = new StringBuilder();
      while (true) {
        int max = Math.min(KubernetesNames.MAX_LABEL_LENGTH, remaining);
        int length = integers().between(1, max).generate(source);
        // One character left over could not hold a dot and a label: hit the chosen length exactly.
        if (remaining - length == 1) {
          length = length < max ? length + 1 : length - 1;
        }
        name.append(label(source, length));
        remaining -= length;
        if (remaining == 0) {
          return name.toString();
        }
        name.append('.');
        remaining--;
      }
    };
  }

  /** Valid run ids, up to {@link RunId#MAX_LENGTH} characters. */
  public static Gen<RunId> runIds() {
    return dns1123Labels(RunId.MAX_LENGTH).map(RunId::of);
  }

  private static int length(RandomnessSource source, int maxLength) {
    boolean longest = integers().between(0, 2).generate(source) == 0;
    return longest ? maxLength : integers().between(1, maxLength).generate(source);
  }

  private static String label(RandomnessSource source, int length) {
    StringBuilder label = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      String alphabet = i == 0 || i == length - 1 ? ALPHANUMERIC : INNER;
      label.append(alphabet.charAt(integers().between(0, alphabet.length() - 1).generate(source)));
    }
    return label.toString();
  }
}

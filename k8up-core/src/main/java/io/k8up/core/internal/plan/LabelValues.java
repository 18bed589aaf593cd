package io.k8up.core.internal.plan;

import java.util.regex.Pattern;

/** Kubernetes label-value syntax. */
final class LabelValues {

  private static final int MAX_LENGTH = 63;
  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private LabelValues() {}

  /** Whether {@code value} is a non-empty valid label value. */
  static boolean isValidNonEmpty(String value) {
    return !value.isEmpty() && value.length() <= MAX_LENGTH && SYNTAX.matcher(value).matches();
  }
}

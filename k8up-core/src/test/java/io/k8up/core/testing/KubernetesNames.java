package io.k8up.core.testing;

import java.util.regex.Pattern;

/** Kubernetes' syntax rules for names and label values, to check what a strategy generates. */
public final class KubernetesNames {

  /** The longest DNS-1123 label, and the longest label value. */
  public static final int MAX_LABEL_LENGTH = 63;

  /** The longest DNS-1123 subdomain, such as a claim's name. */
  public static final int MAX_SUBDOMAIN_LENGTH = 253;

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private KubernetesNames() {}

  /** Whether {@code name} is a DNS-1123 label: the names of pods' volumes, Jobs, namespaces. */
  public static boolean isDns1123Label(String name) {
    return name.length() <= MAX_LABEL_LENGTH && DNS_1123_LABEL.matcher(name).matches();
  }

  /** Whether {@code name} is a DNS-1123 subdomain: the names of most objects, claims among them. */
  public static boolean isDns1123Subdomain(String name) {
    return name.length() <= MAX_SUBDOMAIN_LENGTH && DNS_1123_SUBDOMAIN.matcher(name).matches();
  }

  /** Whether {@code value} is a valid label value; the empty value is one. */
  public static boolean isLabelValue(String value) {
    return value.length() <= MAX_LABEL_LENGTH && LABEL_VALUE.matcher(value).matches();
  }
}

package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The name generators make only valid names, the longest among them, so properties over them mean something. */
class NameGeneratorsTest {

  @Test
  void subdomainsAreValidAndOftenAsLongAsAllowed() {
    AtomicInteger longest = new AtomicInteger();
    qt().withExamples(500).forAll(NameGenerators.dns1123Subdomains()).checkAssert(name -> {
      assertThat(KubernetesNames.isDns1123Subdomain(name)).as(name).isTrue();
      if (name.length() == KubernetesNames.MAX_SUBDOMAIN_LENGTH) {
        longest.incrementAndGet();
      }
    });
    assertThat(longest.get()).isGreaterThan(50);
  }

  @Test
  void labelsAreValid() {
    qt().withExamples(500).forAll(NameGenerators.dns1123Labels(KubernetesNames.MAX_LABEL_LENGTH))
        .checkAssert(name -> assertThat(KubernetesNames.isDns1123Label(name)).as(name).isTrue());
  }

  @Test
  void namesRulesRejectWhatKubernetesRejects() {
    assertThat(KubernetesNames.isDns1123Label("a".repeat(64))).isFalse();
    assertThat(KubernetesNames.isDns1123Label("a.b")).isFalse();
    assertThat(KubernetesNames.isDns1123Subdomain("a.b")).isTrue();
    assertThat(KubernetesNames.isDns1123Subdomain("a..b")).isFalse();
    assertThat(KubernetesNames.isDns1123Subdomain("-a")).isFalse();
    assertThat(KubernetesNames.isLabelValue("")).isTrue();
    assertThat(KubernetesNames.isLabelValue("A_b.c")).isTrue();
    assertThat(KubernetesNames.isLabelValue("a/b")).isFalse();
    assertThat(KubernetesNames.isLabelValue("a-")).isFalse();
  }
}

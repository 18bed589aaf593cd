package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expansion follows the kubelet's rules, including what it leaves alone. */
class KubernetesVariablesTest {

  private static final Map<String, String> VARIABLES = Map.of("HOME", "/tmp", "EMPTY", "");

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', value = {
      "$(HOME)/cache        | /tmp/cache",
      "a$(HOME)b$(HOME)     | a/tmpb/tmp",
      "x$(EMPTY)y           | xy",
      "$$(HOME)             | $(HOME)",
      "$$$(HOME)            | $/tmp",
      "$(UNKNOWN)           | $(UNKNOWN)",
      "$(HOME               | $(HOME",
      "$HOME                | $HOME",
      "cost: 5$             | cost: 5$",
      "plain                | plain"})
  void expandsAsTheKubeletDoes(String input, String expanded) {
    assertThat(KubernetesVariables.expand(input, VARIABLES)).isEqualTo(expanded);
  }
}

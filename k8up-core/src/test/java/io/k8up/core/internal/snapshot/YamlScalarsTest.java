package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class YamlScalarsTest {

  @Test
  void aTextRuledOutAsANumberIsNoNumber() {
    qt().withExamples(20_000).forAll(texts()).checkAssert(text -> {
      if (!YamlScalars.mayBeNumber(text)) {
        assertThat(YamlScalars.number(text)).as(text).isEmpty();
      }
    });
  }

  @Test
  void namesUidsQuantitiesAndTimesAreRuledOutAndNumbersAreNot() {
    for (String text : List.of("1Gi", "0a1b2c3d-0000-4000-8000-000000000000", "app-1", "2024-01-01T00:00:00Z",
        "1-2")) {
      assertThat(YamlScalars.mayBeNumber(text)).as(text).isFalse();
    }
    for (String text : List.of("0755", "0o17", "0x1F", "0b101", "-1_000", "+1.5e-3", ".5", "-.inf", ".NaN",
        "1e+9")) {
      assertThat(YamlScalars.mayBeNumber(text)).as(text).isTrue();
      assertThat(YamlScalars.number(text)).as(text).isPresent();
    }
  }

  // Pieces of every number form and of texts that are none, joined at random.
  private static Gen<String> texts() {
    Gen<String> piece = Generate.pick(List.of("0", "1", "7", "9", "_", ".", "-", "+", "e", "E", "x", "o", "b",
        "a", "F", "g", "G", "i", "n", "N", "f", "I", "inf", "nan", "NaN", "INF", "0x", "0o", "0b", "Gi", " ",
        ":"));
    return SourceDSL.lists().of(piece).ofSizeBetween(1, 8).map(pieces -> String.join("", pieces));
  }
}

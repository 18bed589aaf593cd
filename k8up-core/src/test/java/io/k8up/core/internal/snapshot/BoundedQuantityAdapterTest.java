package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class BoundedQuantityAdapterTest {

  @Test
  void everyFormHasTheValueTheGrammarGivesIt() {
    qt().withExamples(3000).forAll(quantities()).checkAssert(text -> {
      BigDecimal expected;
      try {
        expected = BoundedQuantityAdapter.grammarValue(text);
      } catch (ValueException e) {
        assertThatThrownBy(() -> BoundedQuantityAdapter.value(text)).as(text)
            .isInstanceOf(ValueException.class).hasMessage(e.getMessage());
        return;
      }
      // Equal in scale too, not only in value.
      assertThat(BoundedQuantityAdapter.value(text)).as(text).isEqualTo(expected);
    });
  }

  @Test
  void aQuantityWithinTheBoundHasClientJavasValue() {
    for (String text : List.of("1Gi", "1.5Gi", "500m", "10", "0", "2k", "1e3", "-3Mi", "7Ei")) {
      // client-java rounds Ei to 16 digits.
      assertThat(BoundedQuantityAdapter.value(text).doubleValue()).as(text)
          .isEqualTo(Quantity.fromString(text).getNumber().doubleValue());
    }
  }

  @Test
  void theLargestQuantitiesOfEachSuffixAreWithinOrBeyondTheBound() {
    assertThat(BoundedQuantityAdapter.value("7Ei")).isEqualTo(BigDecimal.valueOf(7L << 60));
    assertThat(BoundedQuantityAdapter.value("9223372036854775807"))
        .isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE));
    assertThat(BoundedQuantityAdapter.value("8191Pi")).isEqualTo(BigDecimal.valueOf(8191L << 50));
    for (String beyond : List.of("8Ei", "8192Pi", "9223372036854775808", "999999999999999999Ki")) {
      assertThatThrownBy(() -> BoundedQuantityAdapter.value(beyond)).as(beyond)
          .isInstanceOf(ValueException.class);
    }
  }

  // Digits, with leading zeros at times, and any suffix or sign or fraction the grammar allows:
  // the plain forms read without the regular expression, and the others beside them.
  private static Gen<String> quantities() {
    Gen<String> digits = SourceDSL.integers().between(1, 22).zip(
        SourceDSL.longs().all(), SourceDSL.integers().between(0, 2),
        (length, number, zeros) -> {
          String all = "0".repeat(zeros) + Long.toUnsignedString(number) + Long.toUnsignedString(number * 31);
          return all.substring(0, Math.min(length, all.length()));
        });
    Gen<String> suffix = Generate.pick(
        List.of("", "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "m", "e3", "E", "n"));
    Gen<String> sign = Generate.pick(List.of("", "", "", "+", "-"));
    Gen<String> fraction = Generate.pick(List.of("", "", "", ".5", "."));
    return sign.zip(digits, fraction, suffix, (s, d, f, x) -> s + d + f + x);
  }
}

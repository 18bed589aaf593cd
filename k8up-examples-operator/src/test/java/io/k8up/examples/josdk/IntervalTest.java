package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void readsANumberAndAUnit() {
    assertThat(Interval.parse("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Interval.parse("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Interval.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Interval.parse("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void rejectsWhatIsNotAPositiveNumberAndAUnitSayingWhatToWrite() {
    for (String bad : new String[] {"", "h", "0h", "1", "1w", "1.5h", "-1h", "1234567s", " 1h"}) {
      assertThatIllegalArgumentException().isThrownBy(() -> Interval.parse(bad))
          .withMessageContaining("write e.g. 30m or 1h");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> Interval.parse(null));
  }
}

package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedStringsTest {

  @Test
  void everyTextReadsAsItsBytesAndOneSeenThriceInARowAsTheSameString() {
    // Few letters and lengths up to 40: texts repeat, share slots and pass the cached length.
    qt().withExamples(300)
        .forAll(lists().of(strings().betweenCodePoints('a', 'c').ofLengthBetween(0, 40)).ofSizeBetween(1, 2000))
        .checkAssert(texts -> {
          RepeatedStrings repeated = new RepeatedStrings();
          String beforePrevious = null;
          String previous = null;
          for (String text : texts) {
            // Read from the middle of a larger array, as a tokenizer does.
            byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
            String read = repeated.of(bytes, 1, bytes.length - 1, text.hashCode());
            assertThat(read).isEqualTo(text);
            if (text.equals(previous) && text.equals(beforePrevious) && text.length() <= 32) {
              assertThat(read).isSameAs(previous);
            }
            beforePrevious = previous;
            previous = read;
          }
        });
  }

  @Test
  void textsOfOneSlotEachReadAsThemselves() {
    RepeatedStrings repeated = new RepeatedStrings();
    // "Aa" and "BB" have one hash, so they share a slot and push each other out.
    for (String text : List.of("Aa", "BB", "Aa", "Aa", "BB")) {
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      assertThat(repeated.of(bytes, 0, bytes.length, text.hashCode())).isEqualTo(text);
    }
  }
}

package io.k8up.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

  @Test
  void keepsAShortOutputWhole() {
    OutputTail tail = new OutputTail(16);
    byte[] text = " pg_dump: done \n".getBytes(StandardCharsets.UTF_8);

    tail.append(text, text.length);

    assertThat(tail.text()).isEqualTo("pg_dump: done");
  }

  @Test
  void keepsTheEndOfALongOutputAcrossManyWrites() throws Exception {
    OutputTail tail = new OutputTail(10);
    StringBuilder written = new StringBuilder();
    for (int i = 0; i < 37; i++) {
      written.append((char) ('a' + i % 26));
    }
    byte[] bytes = written.toString().getBytes(StandardCharsets.UTF_8);

    tail.drain(new ByteArrayInputStream(bytes), "test-drain").join(5_000);

    assertThat(tail.text()).isEqualTo("…" + written.substring(27));
  }

  @Test
  void isEmptyBeforeAnyOutput() {
    assertThat(new OutputTail(8).text()).isEmpty();
  }
}

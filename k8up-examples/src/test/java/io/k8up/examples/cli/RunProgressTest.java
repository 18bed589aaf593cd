package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.run.ProgressEvent;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The progress lines {@code k8up-rwo run} prints on standard error. */
class RunProgressTest {

  @Test
  void aLineAtAWholeMinuteKeepsItsSeconds() {
    ProgressEvent event = ProgressEvent.builder().type(ProgressEvent.Type.STARTED).unitId("u1").namespace("shop")
        .addClaims("data").node("worker-1").attempt(1).message("").build();

    assertThat(RunCommand.progressLine(event, LocalTime.of(8, 50, 0, 400_000_000)))
        .isEqualTo("08:50:00 STARTED shop/data (unit u1, node worker-1)");
  }

  @Test
  void aLaterAttemptAndAMessageAreSaid() {
    ProgressEvent event = ProgressEvent.builder().type(ProgressEvent.Type.RETRIED).unitId("u1").namespace("shop")
        .addClaims("data").attempt(2).message("the node went away").build();

    assertThat(RunCommand.progressLine(event, LocalTime.of(23, 5, 9)))
        .isEqualTo("23:05:09 RETRIED shop/data (unit u1, attempt 2): the node went away");
  }
}

package io.k8up.core.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a restore container's termination message may say, and what of it the executor keeps. */
class RestoreResultTest {

  @Test
  void keepsTheSnapshotAndResticsCountsOfWhatItRestored() {
    assertThat(RestoreResult.details("{\"snapshot\":\"0123abcd\",\"summary\":{\"message_type\":\"summary\","
        + "\"total_files\":9,\"files_restored\":7,\"total_bytes\":900,\"bytes_restored\":700}}"))
        .containsExactly(Map.entry(RestoreResult.SNAPSHOT, "0123abcd"), Map.entry(RestoreResult.FILES_RESTORED, "7"),
            Map.entry(RestoreResult.BYTES_RESTORED, "700"));
  }

  @Test
  void leavesOutWhatIsNotOfTheExpectedShape() {
    // Anyone who can exec into the pod can write the message: an id that is no id, counts that are no counts.
    assertThat(RestoreResult.details("{\"snapshot\":\"../../etc\\u001b[31m\",\"summary\":{\"files_restored\":-1,"
        + "\"bytes_restored\":1.5}}")).isEmpty();
    assertThat(RestoreResult.details("{\"snapshot\":7,\"summary\":\"many\"}")).isEmpty();
    assertThat(RestoreResult.details("{\"summary\":{\"bytes_restored\":99999999999999999999}}")).isEmpty();
  }

  @Test
  void aMessageThatIsNotTheScriptsIsNoResult() {
    assertThat(RestoreResult.details("")).isEmpty();
    assertThat(RestoreResult.details("Fatal: wrong password or no key found")).isEmpty();
    assertThat(RestoreResult.details("[\"0123abcd\"]")).isEmpty();
    assertThat(RestoreResult.details("{\"snapshot\":\"0123abcd\"" + " ".repeat(5000) + "}")).isEmpty();
  }
}

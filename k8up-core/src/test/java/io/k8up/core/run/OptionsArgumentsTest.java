package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A bad value given to an options builder is the caller's: {@link IllegalArgumentException}. */
class OptionsArgumentsTest {

  @Test
  void executorOptionsRejectBadValuesAsArguments() {
    assertThatThrownBy(() -> ExecutorOptions.builder().maxConcurrent(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrent");
    assertThatThrownBy(() -> ExecutorOptions.builder().maxPerNode(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPerNode");
    assertThatThrownBy(() -> ExecutorOptions.builder().unitTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void backupToolSpecRejectsBadValuesAsArguments() {
    assertThatThrownBy(() -> BackupToolSpec.builder().image(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image");
    assertThatThrownBy(() -> BackupToolSpec.builder().image("i").runAsUser(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runAsRoot");
  }
}

package io.k8up.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.testing.TestStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding strategy providers through ServiceLoader and ordering them by the caller's preference. */
class InstalledStrategiesTest {

  /** Registered in this module's test resources, {@code META-INF/services}. */
  public static final class AlphaProvider implements VolumeAccessStrategyProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public VolumeAccessStrategy create() {
      return TestStrategy.nodeBound("alpha", target -> true, "");
    }
  }

  /** Registered in this module's test resources, {@code META-INF/services}. */
  public static final class BetaProvider implements VolumeAccessStrategyProvider {
    @Override
    public String id() {
      return "beta";
    }

    @Override
    public VolumeAccessStrategy create() {
      return TestStrategy.nodeFree("beta", target -> true, "");
    }
  }

  @Test
  void providersOnTheClassPathAreFoundThroughServiceLoader() {
    InstalledStrategies installed = InstalledStrategies.load();

    assertThat(installed.ids()).containsExactly("alpha", "beta");
  }

  @Test
  void inOrderFollowsTheCallersPreference() {
    List<VolumeAccessStrategy> ordered = InstalledStrategies.load().inOrder(List.of("beta", "alpha"));

    assertThat(ordered).extracting(VolumeAccessStrategy::id).containsExactly("beta", "alpha");
  }

  @Test
  void unknownIdInTheOrderIsRejectedNamingTheInstalledOnes() {
    assertThatThrownBy(() -> InstalledStrategies.load().inOrder(List.of("gamma")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gamma")
        .hasMessageContaining("[alpha, beta]");
  }

  @Test
  void idNamedTwiceInTheOrderIsRejected() {
    assertThatThrownBy(() -> InstalledStrategies.load().inOrder(List.of("alpha", "alpha")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoProvidersWithOneIdAreRejected() {
    assertThatThrownBy(() -> InstalledStrategies.of(List.of(new AlphaProvider(), new AlphaProvider())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("alpha");
  }

  @Test
  void providerWhoseStrategyCarriesAnotherIdIsRejected() {
    VolumeAccessStrategyProvider liar = new VolumeAccessStrategyProvider() {
      @Override
      public String id() {
        return "liar";
      }

      @Override
      public VolumeAccessStrategy create() {
        return TestStrategy.nodeBound("other", target -> true, "");
      }
    };

    assertThatThrownBy(() -> InstalledStrategies.of(List.of(liar))).isInstanceOf(IllegalStateException.class);
  }
}

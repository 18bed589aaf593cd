package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.DRIVER;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.claim;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.cluster;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.context;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.defaultClass;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.markedClass;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.materialize;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.plainClass;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.target;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.spi.Support;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which VolumeSnapshotClass a claim's driver gets, and why none. */
class SnapshotClassSelectionTest {

  private static final String OTHER_DRIVER = "pd.csi.storage.gke.io";

  @Test
  void classAnnotatedForTheLibraryWinsOverTheDefaultClass() {
    assertThat(chosen(defaultClass("a-default", DRIVER), markedClass("b-k8up", DRIVER))).hasValue("b-k8up");
  }

  @Test
  void defaultClassIsUsedWhenNoneIsAnnotatedForTheLibrary() {
    assertThat(chosen(plainClass("a-plain", DRIVER), defaultClass("b-default", DRIVER))).hasValue("b-default");
  }

  @Test
  void classesOfOtherDriversAreIgnored() {
    assertThat(chosen(markedClass("a-other-k8up", OTHER_DRIVER), defaultClass("b-other-default", OTHER_DRIVER),
        defaultClass("c-default", DRIVER))).hasValue("c-default");

    Support support = support(markedClass("a-other-k8up", OTHER_DRIVER), defaultClass("b-other", OTHER_DRIVER));
    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("no VolumeSnapshotClass is for CSI driver " + DRIVER, "other drivers only",
            K8upAnnotations.SNAPSHOT_CLASS + ": \"true\""));
  }

  @Test
  void driverWithoutAnnotatedOrDefaultClassIsRefusedNamingTheDriverAndItsClasses() {
    Support support = support(plainClass("fast", DRIVER), plainClass("slow", DRIVER));

    assertThat(support.isSupported()).isFalse();
    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("CSI driver " + DRIVER, "(fast, slow)", "annotate the one to use",
            K8upAnnotations.SNAPSHOT_CLASS + ": \"true\""));
  }

  @Test
  void snapshotWithoutAnyClassIsRefused() {
    Support support = support();

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("CSI driver " + DRIVER, "no VolumeSnapshotClass at all", "create one"));
  }

  @Test
  void severalClassesAnnotatedForTheLibraryAreRefusedAsAmbiguous() {
    Support support = support(markedClass("b-k8up", DRIVER), markedClass("a-k8up", DRIVER), defaultClass("c", DRIVER));

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("a-k8up, b-k8up", "CSI driver " + DRIVER, "keep the annotation on the one to use"));
  }

  @Test
  void ofSeveralDefaultClassesTheFirstByNameIsUsedWhateverTheirOrder() {
    List<SnapshotClass> classes = new ArrayList<>(List.of(
        defaultClass("c-default", DRIVER), defaultClass("a-default", DRIVER), defaultClass("b-default", DRIVER)));
    for (int i = 0; i < classes.size(); i++) {
      Collections.rotate(classes, 1);
      assertThat(chosen(classes.toArray(SnapshotClass[]::new))).hasValue("a-default");
    }
  }

  @Test
  void onlyTheValueTrueMarksAClass() {
    SnapshotClass notMarked = SnapshotClass.builder().name("a").driver(DRIVER)
        .putAnnotations(K8upAnnotations.SNAPSHOT_CLASS, "false").build();

    assertThat(chosen(notMarked, defaultClass("b-default", DRIVER))).hasValue("b-default");
  }

  @Test
  void materializingAClaimWithoutAClassIsRejectedWithTheReason() {
    assertThatThrownBy(() -> materialize(unit(target("data")),
            context(cluster(List.of(claim("data")), List.of(plainClass("fast", DRIVER))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CSI driver " + DRIVER);
  }

  /** The class the VolumeSnapshot of claim {@code data} names, in a cluster with these classes. */
  private static Optional<String> chosen(SnapshotClass... classes) {
    if (!support(classes).isSupported()) {
      return Optional.empty();
    }
    JsonObject spec = materialize(unit(target("data")), context(cluster(List.of(claim("data")), List.of(classes))))
        .volumeSnapshot().getRaw().getAsJsonObject("spec");
    return Optional.of(spec.get("volumeSnapshotClassName").getAsString());
  }

  private static Support support(SnapshotClass... classes) {
    return SnapshotFixtures.STRATEGY.supports(target("data"), cluster(List.of(claim("data")), List.of(classes)));
  }
}

package io.k8up.strategy.csisnapshot.internal;

import static java.util.stream.Collectors.joining;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.SnapshotClass;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the VolumeSnapshotClass of a CSI driver:
 *
 * <ol>
 *   <li>the one class of the driver annotated {@code k8up.io/is-snapshot-class: "true"}; several
 *       such classes are refused as ambiguous, since the user marked them for this library and only
 *       the user can say which one was meant;
 *   <li>else the driver's default class ({@code snapshot.storage.kubernetes.io/is-default-class:
 *       "true"}), the first by name if several claim to be: a cluster often ships a default the
 *       user did not choose, and marking one with the library's annotation settles it;
 *   <li>else none, with a sentence saying how to provide one.
 * </ol>
 */
final class SnapshotClassSelector {

  private static final Comparator<SnapshotClass> BY_NAME = Comparator.comparing(SnapshotClass::name);

  private SnapshotClassSelector() {}

  static SnapshotClassChoice select(String driver, List<SnapshotClass> classes) {
    // Sorted here too, so the choice does not depend on how the caller ordered the classes.
    List<SnapshotClass> ofDriver = classes.stream()
        .filter(snapshotClass -> snapshotClass.driver().equals(driver))
        .sorted(BY_NAME)
        .toList();
    List<SnapshotClass> marked = ofDriver.stream().filter(SnapshotClassSelector::isMarked).toList();
    if (marked.size() == 1) {
      return SnapshotClassChoice.chosen(marked.get(0).name());
    }
    if (marked.size() > 1) {
      return SnapshotClassChoice.refused("VolumeSnapshotClasses " + names(marked) + " of CSI driver " + driver
          + " are all annotated " + markedAnnotation() + ": keep the annotation on the one to use");
    }
    return ofDriver.stream()
        .filter(SnapshotClass::isDefault)
        .findFirst()
        .map(snapshotClass -> SnapshotClassChoice.chosen(snapshotClass.name()))
        .orElseGet(() -> SnapshotClassChoice.refused(noClass(driver, ofDriver, classes)));
  }

  private static boolean isMarked(SnapshotClass snapshotClass) {
    return "true".equals(snapshotClass.annotations().get(K8upAnnotations.SNAPSHOT_CLASS));
  }

  private static String noClass(String driver, List<SnapshotClass> ofDriver, List<SnapshotClass> all) {
    if (!ofDriver.isEmpty()) {
      return "of the VolumeSnapshotClasses of CSI driver " + driver + " (" + names(ofDriver) + "), none is"
          + " annotated " + markedAnnotation() + " nor the driver's default: annotate the one to use "
          + markedAnnotation();
    }
    String known = all.isEmpty()
        ? "the snapshot holds no VolumeSnapshotClass at all (a cluster file must include them)"
        : "the snapshot holds VolumeSnapshotClasses of other drivers only";
    return "no VolumeSnapshotClass is for CSI driver " + driver + ", and " + known + ": create one for the"
        + " driver and annotate it " + markedAnnotation();
  }

  private static String markedAnnotation() {
    return K8upAnnotations.SNAPSHOT_CLASS + ": \"true\"";
  }

  private static String names(List<SnapshotClass> classes) {
    return classes.stream().map(SnapshotClass::name).collect(joining(", "));
  }
}

package io.k8up.core.snapshot;

import static io.k8up.core.snapshot.SnapshotFilesTest.POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesErrorTest {

  static SnapshotException failure(String text) {
    return catchThrowableOfType(
        SnapshotException.class, () -> SnapshotFiles.read("test.yaml", new StringReader(text)));
  }

  @Test
  void malformedYamlIsReportedWithLineAndColumn() {
    SnapshotException e = failure("apiVersion: v1\nkind: Pod\nmetadata: {name: [a\n");

    assertThat(e).hasMessageStartingWith("test.yaml: malformed YAML at line 4, column 1: ");
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void malformedJsonIsReportedWithLineAndColumn() {
    SnapshotException e = failure("{\"apiVersion\": \"v1\",\n \"kind\" \"Pod\"}");

    assertThat(e).hasMessage("test.yaml: malformed JSON at line 2, column 10: Expected ':'");
  }

  @Test
  void jsonWithTwoValuesIsRejected() {
    assertThat(failure("{\"kind\": \"Pod\"} {\"kind\": \"Pod\"}"))
        .hasMessageStartingWith("test.yaml: malformed JSON");
  }

  @Test
  void fieldOfTheWrongTypeIsNamedWithItsPath() {
    String yaml = POD.replace("claimName: data", "claimName: {nested: map}");

    SnapshotException e = failure(SnapshotFilesTest.CLAIM + "---\n" + yaml);

    assertThat(e)
        .hasMessage(
            "test.yaml: document 2 (Pod shop/db-0): "
                + "spec.volumes[0].persistentVolumeClaim.claimName: expected a string");
  }

  @Test
  void malformedDateAndQuantityAreNamedWithTheirPaths() {
    String badDate =
        SnapshotFilesTest.CLAIM.replace(
            "creationTimestamp: 2024-01-01T00:00:00Z", "creationTimestamp: yesterday");
    String badQuantity =
        SnapshotFilesTest.CLAIM.replace("name: data", "name: logs").replace("10Gi", "lots");

    SnapshotException e = failure(badDate + "---\n" + badQuantity);

    assertThat(e.problems())
        .containsExactly(
            "test.yaml: document 1 (PersistentVolumeClaim shop/data): metadata.creationTimestamp:"
                + " expected a date-time such as 2024-01-01T00:00:00Z",
            "test.yaml: document 2 (PersistentVolumeClaim shop/logs):"
                + " spec.resources.requests.storage: expected a quantity such as 10Gi or 500m");
  }

  @Test
  void wrongTypeOfAnAnnotationNamesItsKey() {
    String yaml =
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: shop\n"
            + "  annotations:\n    k8up.io/backup: [yes]\n";

    assertThat(failure(yaml))
        .hasMessage("test.yaml: document 1 (PersistentVolumeClaim shop/data):"
            + " metadata.annotations[\"k8up.io/backup\"]: expected a string");
  }

  @Test
  void wrongTypeInsideAListItemNamesTheItem() {
    String yaml = "apiVersion: v1\nkind: PodList\nitems:\n"
        + "- metadata: {name: a, namespace: shop}\n"
        + "- metadata: {name: b, namespace: shop}\n  spec: {containers: oops}\n";

    assertThat(failure(yaml))
        .hasMessage("test.yaml: document 1, items[1] (Pod shop/b): spec.containers: expected a list");
  }

  @Test
  void aKeyTwiceInAnItemReadAsATreeNamesTheItem(@TempDir Path dir) throws IOException {
    // metadata before kind: the item is built as a tree, and refused as it is read.
    String list = "{\"apiVersion\": \"v1\", \"items\": [{\"metadata\": {\"name\": \"a\","
        + " \"namespace\": \"shop\", \"name\": \"b\"}, \"apiVersion\": \"v1\", \"kind\": \"Pod\"}],"
        + " \"kind\": \"List\"}";
    Path file = dir.resolve("test.yaml");
    Files.writeString(file, list);
    String expected = "test.yaml: document 1, items[0] (Pod shop/a): metadata.name: the key appears"
        + " twice in its mapping; keep one";

    assertThat(failure(list)).hasMessage(expected);
    assertThat(catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read(file)))
        .hasMessageEndingWith(expected);
  }

  @Test
  void objectWithoutNameIsRejected() {
    assertThat(failure("apiVersion: v1\nkind: PersistentVolume\nmetadata: {}\n"))
        .hasMessage("test.yaml: document 1 (PersistentVolume): metadata.name is missing");
  }

  @Test
  void pvcWithoutNamespaceIsRejectedWithItsDocumentNumber() {
    String yaml = POD + "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n";

    assertThat(failure(yaml))
        .hasMessage(
            "test.yaml: document 2 (PersistentVolumeClaim data): metadata.namespace is missing;"
                + " add the namespace the PersistentVolumeClaim lives in"
                + " (a snapshot does not assume \"default\")");
  }

  @Test
  void podWithoutNamespaceIsRejected() {
    assertThat(failure(POD.replace("  namespace: shop\n", "")))
        .hasMessageStartingWith("test.yaml: document 1 (Pod db-0): metadata.namespace is missing;");
  }

  @Test
  void documentThatIsNotAMappingIsRejected() {
    assertThat(failure(POD + "---\n- just\n- a list\n"))
        .hasMessage(
            "test.yaml: document 2 is a list, not a Kubernetes object"
                + " (a mapping with apiVersion, kind and metadata)");
  }

  @Test
  void objectWithoutKindIsRejected() {
    assertThat(failure("apiVersion: v1\nmetadata: {name: x}\n"))
        .hasMessage(
            "test.yaml: document 1: kind is missing; every object needs apiVersion and kind,"
                + " as kubectl get -o yaml writes them");
  }

  @Test
  void keptKindWithoutApiVersionIsRejected() {
    assertThat(failure("kind: Pod\nmetadata: {name: x, namespace: shop}\n"))
        .hasMessage("test.yaml: document 1 (Pod shop/x): apiVersion is missing; add apiVersion: v1");
  }

  @Test
  void itemOfAGenericListWithoutKindIsRejected() {
    assertThat(failure("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: x}\n"))
        .hasMessageStartingWith("test.yaml: document 1, items[0]: kind is missing");
  }

  @Test
  void sameObjectTwiceNamesBothDocuments() {
    SnapshotException e = failure(POD + "---\n" + SnapshotFilesTest.CLAIM + "---\n" + POD);

    assertThat(e)
        .hasMessage(
            "test.yaml: document 3 (Pod shop/db-0): the same Pod as document 1; keep one of them");
  }

  @Test
  void sameNodeTwiceIsRejectedAndATaintOfTheWrongTypeIsNamed() {
    String node = "apiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\n";

    assertThat(failure(node + "---\n" + node))
        .hasMessage("test.yaml: document 2 (Node worker-1): the same Node as document 1;"
            + " keep one of them");
    assertThat(failure(node + "spec: {taints: [{key: k, effect: [NoSchedule]}]}\n"))
        .hasMessageContaining("spec.taints[0].effect: expected");
  }

  @Test
  void volumeSnapshotClassWithoutDriverOrNameIsAProblemNamingTheDocument() {
    String noDriver = "apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\n"
        + "metadata: {name: ebs}\ndeletionPolicy: Delete\n";
    String noName = "apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClassList\n"
        + "items:\n- metadata: {}\n  driver: ebs.csi.aws.com\n";

    SnapshotException e = failure(POD + "---\n" + noDriver + "---\n" + noName);

    assertThat(e.problems()).containsExactly(
        "test.yaml: document 2 (VolumeSnapshotClass ebs): driver is missing",
        "test.yaml: document 3, items[0] (VolumeSnapshotClass): metadata.name is missing");
  }

  @Test
  void volumeSnapshotClassProblemsAreNamedLikeThoseOfOtherKinds() {
    String snapshotClass = "kind: VolumeSnapshotClass\nmetadata: {name: ebs}\ndriver: ebs.csi.aws.com\n";
    String v1 = "apiVersion: snapshot.storage.k8s.io/v1\n" + snapshotClass;

    assertThat(failure(snapshotClass))
        .hasMessage("test.yaml: document 1 (VolumeSnapshotClass ebs): apiVersion is missing;"
            + " add apiVersion: snapshot.storage.k8s.io/v1");
    assertThat(failure(v1.replace("driver: ebs.csi.aws.com", "driver: {name: ebs}")))
        .hasMessage("test.yaml: document 1 (VolumeSnapshotClass ebs): driver: expected a string");
    assertThat(failure(v1 + "---\n" + v1))
        .hasMessage("test.yaml: document 2 (VolumeSnapshotClass ebs): the same VolumeSnapshotClass"
            + " as document 1; keep one of them");
  }

  @Test
  void sameNameInAnotherNamespaceOrKindIsNoDuplicate() throws Exception {
    String other = POD.replace("namespace: shop", "namespace: other");

    ClusterSnapshot snapshot =
        SnapshotFiles.read("test.yaml", new StringReader(POD + "---\n" + other));

    assertThat(snapshot.pods()).hasSize(2);
  }

  @Test
  void everyProblemIsCollectedNotOnlyTheFirst() {
    String noName = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {}\n";
    String yaml = String.join("---\n", noName, POD, noName, "kind: Pod\n");

    SnapshotException e = failure(yaml);

    assertThat(e.problems())
        .containsExactly(
            "test.yaml: document 1 (PersistentVolume): metadata.name is missing",
            "test.yaml: document 3 (PersistentVolume): metadata.name is missing",
            "test.yaml: document 4 (Pod): apiVersion is missing; add apiVersion: v1");
    assertThat(e)
        .hasMessage("test.yaml: document 1 (PersistentVolume): metadata.name is missing"
            + " (and 2 more problems)");
  }

  @Test
  void atMostTwentyProblemsAreCollected() {
    String noName = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {}\n";

    SnapshotException e = failure((noName + "---\n").repeat(30));

    assertThat(e.problems()).hasSize(SnapshotException.MAX_PROBLEMS);
    assertThat(e).hasMessageEndingWith("(and 19 more problems)");
  }

  @Test
  void emptyFileHoldsNoKubernetesObjects() {
    assertThat(failure("")).hasMessage("test.yaml: holds no Kubernetes objects");
    assertThat(failure("# only a comment\n---\n")).hasMessage("test.yaml: holds no Kubernetes objects");
  }

  @Test
  void missingFileIsReported(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read(file));

    assertThat(e).hasMessage(file + ": file does not exist");
  }

  @Test
  void directoryIsNotASnapshotFile(@TempDir Path dir) {
    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read(dir));

    assertThat(e).hasMessage(dir + ": is a directory, not a snapshot file");
  }

  @Test
  void fileThatIsNotUtf8CannotBeRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read(file));

    assertThat(e).hasMessage(file + ": cannot be read: it is not UTF-8 text");
  }

  @Test
  void failingReaderIsReportedWithTheSourceName() {
    Reader broken =
        new Reader() {
          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("device unavailable");
          }

          @Override
          public void close() {}
        };

    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read("res", broken));

    assertThat(e).hasMessage("res: cannot be read: device unavailable");
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char p = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p)
          .append(", *").append(p).append(", *").append(p).append(", *").append(p).append(", *")
          .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p)
          .append("]\n");
    }

    assertThat(failure(yaml.toString()))
        .hasMessageStartingWith("test.yaml: document 1 cannot be read as YAML: ");
  }

  @Test
  void yamlTagsNeverInstantiateJavaClasses() {
    assertThat(failure("!!java.io.File [\"/etc/passwd\"]\n"))
        .hasMessageStartingWith("test.yaml: malformed YAML");
  }

  @Test
  void runningOutOfMemoryIsOneLine() {
    Reader exhausted = new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) {
        throw new OutOfMemoryError("Java heap space");
      }

      @Override
      public void close() {}
    };

    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> SnapshotFiles.read("big.json", exhausted));

    // The heap named is the one the JVM has: the CLI's own 450 MB, or whatever the embedding JVM was given.
    assertThat(e).hasMessage("big.json: cannot be read: Java ran out of memory (a heap of at most "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give it more with -Xmx");
  }
}

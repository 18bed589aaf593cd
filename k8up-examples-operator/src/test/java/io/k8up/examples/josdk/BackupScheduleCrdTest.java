package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD in {@code deploy/} is the one fabric8's CRD generator makes from {@link BackupSchedule}
 * now, and has the schema the reconciler relies on.
 */
@Timeout(60)
class BackupScheduleCrdTest {

  static final Path CHECKED_IN = Path.of("deploy", "backupschedules.backup.k8up.io-v1.yml");

  /** Run the tests with {@code -Dk8up.updateCrd=true} to write the generated CRD over the checked-in one. */
  private static final String UPDATE = "k8up.updateCrd";

  @Test
  void checkedInCrdIsTheOneGeneratedFromTheJavaClass(@TempDir Path out) throws IOException {
    new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1")
        .customResourceClasses(BackupSchedule.class).generate();
    String generated = Files.readString(out.resolve(CHECKED_IN.getFileName()));
    if (Boolean.getBoolean(UPDATE)) {
      Files.writeString(CHECKED_IN, generated);
    }
    assertThat(Files.exists(CHECKED_IN))
        .as("%s is missing: run mvn -pl k8up-examples-operator -am test -D%s=true", CHECKED_IN, UPDATE).isTrue();
    assertThat(Files.readString(CHECKED_IN))
        .as("%s is stale after a change to BackupSchedule: run mvn -pl k8up-examples-operator -am test -D%s=true"
            + " and commit the file", CHECKED_IN, UPDATE)
        .isEqualTo(generated);
  }

  @Test
  void crdIsNamespacedWithStatusSubresourceAndTheSpecAndStatusFields() throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.newInputStream(CHECKED_IN));
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getGroup()).isEqualTo(BackupSchedule.GROUP);
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo(BackupSchedule.VERSION);
    assertThat(version.getSubresources().getStatus()).as("status subresource").isNotNull();

    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getProperties()).containsKeys("namespace", "namespaceSelector", "interval", "strategyOrder",
        "maxConcurrent", "maxPerNode", "requireOptIn");
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("interval");
    assertThat(spec.getProperties().get("namespaceSelector").getProperties()).containsKeys("matchLabels",
        "matchExpressions");
    // "namespace" is a CEL keyword, which Kubernetes escapes as __namespace__ in a rule.
    assertThat(spec.getXKubernetesValidations()).singleElement().satisfies(rule -> {
      assertThat(rule.getRule()).isEqualTo("has(self.__namespace__) != has(self.namespaceSelector)");
      assertThat(rule.getMessage()).isEqualTo("set exactly one of namespace and namespaceSelector");
    });
    assertThat(spec.getProperties().get("interval").getPattern()).isEqualTo(Interval.PATTERN);
    assertThat(spec.getProperties().get("maxConcurrent").getMinimum()).isEqualTo(1.0);

    JSONSchemaProps status = version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
    assertThat(status.getProperties()).containsKeys(
        "lastRunId", "lastNamespaces", "lastStartTime", "lastEndTime", "summary", "outcomes", "conditions");
    assertThat(status.getProperties().get("outcomes").getItems().getSchema().getProperties())
        .containsKeys("name", "status", "reason", "message");
    assertThat(status.getProperties().get("conditions").getItems().getSchema().getProperties())
        .containsKeys("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
  }
}

package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * What every volume-access strategy guarantees, checked against one by a small subclass that says
 * how to make a unit it supports: building its workflow is pure and deterministic; every name it gives is
 * valid for any claim name and run id; every pod it makes passes the Pod Security "restricted"
 * profile unless the tool asks for root, and then breaks it only as root must; every object it
 * creates carries the run's labels, so that cleanup by label finds it, and is of a kind the strategy
 * declares, so that cleanup and sweep delete it.
 */
@Timeout(120)
public abstract class VolumeAccessStrategyContract {

  /** The Job controller names a pod {@code <job name>-<5 random characters>}. */
  private static final String POD_NAME_SUFFIX = "-xxxxx";

  private static final int EXAMPLES = 60;

  /** What running as root, with the capability to read every file, breaks of the profile; nothing else may be. */
  private static final Pattern ROOT_VIOLATION = Pattern.compile(
      ".*(runAsUser is 0|runAsNonRoot is not true, nor is the pod's|capabilities\\.add holds DAC_OVERRIDE)");

  private static final List<BackupToolSpec> TOOLS = List.of(
      BackupToolSpec.restic("repo").build(),
      BackupToolSpec.restic("repo").runAsUser(1500L).runAsGroup(1600L).addSupplementalGroups(1700L).build());

  /** The strategy under test. */
  protected abstract VolumeAccessStrategy strategy();

  /**
   * A unit of the strategy holding the claims {@code claimNames} of one namespace, distinct and
   * sorted, and a cluster in which the strategy supports them all. Equal names must give equal
   * units and clusters.
   */
  protected abstract SupportedUnit supportedUnit(List<String> claimNames);

  /** The most claims one unit of the strategy holds; 3 unless overridden. */
  protected int maxClaimsPerUnit() {
    return 3;
  }

  @Test
  void workflowIsPureAndDeterministic() {
    qt().withExamples(EXAMPLES).forAll(claimNames(), NameGenerators.runIds()).checkAssert((claims, runId) -> {
      SupportedUnit first = supportedUnit(claims);
      SupportedUnit second = supportedUnit(claims);
      RunContext context = RunContext.of(runId, TOOLS.get(0), first.snapshot());

      Workflow once = strategy().workflow(first.unit(), context);
      Workflow twice = strategy().workflow(second.unit(), RunContext.of(runId, TOOLS.get(0), second.snapshot()));

      assertThat(twice.manifests()).isEqualTo(once.manifests());
      assertThat(strategy().workflow(first.unit(), context).manifests()).isEqualTo(once.manifests());
    });
  }

  @Test
  void namesAreValidForAnyClaimNameAndRunId() {
    qt().withExamples(EXAMPLES).forAll(claimNames(), NameGenerators.runIds()).checkAssert((claims, runId) -> {
      SupportedUnit supported = supportedUnit(claims);
      Workflow materialization =
          strategy().workflow(supported.unit(), RunContext.of(runId, TOOLS.get(0), supported.snapshot()));

      for (KubernetesObject object : createdObjects(materialization)) {
        String name = object.getMetadata().getName();
        assertThat(KubernetesNames.isDns1123Label(name)).as(name).isTrue();
        labelValues(object.getMetadata()).forEach(value -> assertThat(KubernetesNames.isLabelValue(value)).as(value).isTrue());
        if (object instanceof V1Job job) {
          assertThat(KubernetesNames.isDns1123Label(name + POD_NAME_SUFFIX)).as("its pods' names").isTrue();
          labelValues(job.getSpec().getTemplate().getMetadata())
              .forEach(value -> assertThat(KubernetesNames.isLabelValue(value)).as(value).isTrue());
        }
      }
      for (V1PodSpec pod : podSpecs(materialization)) {
        assertNamesAreLabels(pod);
      }
    });
  }

  @Test
  void podsPassTheRestrictedProfileUnlessTheToolAsksForRoot() {
    qt().withExamples(EXAMPLES).forAll(claimNames(), NameGenerators.runIds()).checkAssert((claims, runId) -> {
      SupportedUnit supported = supportedUnit(claims);
      for (BackupToolSpec tool : TOOLS) {
        Workflow materialization =
            strategy().workflow(supported.unit(), RunContext.of(runId, tool, supported.snapshot()));

        assertThat(violations(materialization)).as(tool.toString()).isEmpty();
      }
      BackupToolSpec root = BackupToolSpec.restic("repo").runAsRoot(true).build();
      assertThat(violations(strategy().workflow(supported.unit(), RunContext.of(runId, root, supported.snapshot()))))
          .allMatch(violation -> ROOT_VIOLATION.matcher(violation).matches());
    });
  }

  @Test
  void everyCreatedObjectCarriesTheRunsLabelsSoCleanupByLabelFindsIt() {
    qt().withExamples(EXAMPLES).forAll(claimNames(), NameGenerators.runIds()).checkAssert((claims, runId) -> {
      SupportedUnit supported = supportedUnit(claims);
      Workflow materialization =
          strategy().workflow(supported.unit(), RunContext.of(runId, TOOLS.get(0), supported.snapshot()));
      Map<String, String> selector = Splitter.on(',').withKeyValueSeparator('=').split(RunObjects.selector(runId));
      String unitId = supported.unit().id();

      for (KubernetesObject object : createdObjects(materialization)) {
        assertThat(object.getMetadata().getNamespace()).isEqualTo(supported.unit().namespace());
        assertCarriesRunLabels(object.getMetadata(), selector, unitId);
        if (object instanceof V1Job job) {
          assertCarriesRunLabels(job.getSpec().getTemplate().getMetadata(), selector, unitId);
        }
      }
    });
  }

  @Test
  void cleanupCoversEveryKindItCreates() {
    qt().withExamples(EXAMPLES).forAll(claimNames(), NameGenerators.runIds()).checkAssert((claims, runId) -> {
      SupportedUnit supported = supportedUnit(claims);
      Workflow workflow =
          strategy().workflow(supported.unit(), RunContext.of(runId, TOOLS.get(0), supported.snapshot()));
      Set<String> declared = strategy().createdKinds().stream()
          .map(type -> type.apiVersion() + " " + type.kind()).collect(Collectors.toSet());

      for (KubernetesObject object : createdObjects(workflow)) {
        assertThat(declared).as("the kinds %s declares, which cleanup and sweep delete", strategy().id())
            .contains(object.getApiVersion() + " " + object.getKind());
      }
      for (Step step : workflow.steps()) {
        assertThat(!step.observed().isEmpty() || !step.watched().isEmpty())
            .as("step %s looks at something to tell where it stands", step.name()).isTrue();
      }
    });
  }

  private Gen<List<String>> claimNames() {
    return lists()
        .of(NameGenerators.dns1123Subdomains())
        .ofSizeBetween(1, maxClaimsPerUnit())
        .map(names -> names.stream().distinct().sorted().toList());
  }

  /**
   * The objects the run creates, and so must clean up: every step's objects; a patch changes an
   * object the run does not own.
   */
  private static ImmutableList<KubernetesObject> createdObjects(Workflow workflow) {
    ImmutableList.Builder<KubernetesObject> objects = ImmutableList.builder();
    workflow.steps().forEach(step -> objects.addAll(step.objects()));
    return objects.build();
  }

  /** The pods the materialization makes or changes: Jobs' templates, and pods, patches included. */
  private static ImmutableList<V1PodSpec> podSpecs(Workflow materialization) {
    ImmutableList.Builder<V1PodSpec> specs = ImmutableList.builder();
    for (KubernetesObject object : materialization.manifests()) {
      if (object instanceof V1Job job) {
        specs.add(job.getSpec().getTemplate().getSpec());
      } else if (object instanceof V1Pod pod) {
        specs.add(pod.getSpec());
      }
    }
    return specs.build();
  }

  /** How the materialization's pods break the "restricted" profile, Jobs' templates with their annotations. */
  private static ImmutableList<String> violations(Workflow materialization) {
    ImmutableList.Builder<String> violations = ImmutableList.builder();
    for (KubernetesObject object : materialization.manifests()) {
      if (object instanceof V1Job job) {
        violations.addAll(RestrictedProfile.violations(job.getSpec().getTemplate()));
      } else if (object instanceof V1Pod pod) {
        violations.addAll(RestrictedProfile.violations(pod.getSpec()));
      }
    }
    return violations.build();
  }

  private static void assertNamesAreLabels(V1PodSpec pod) {
    for (V1Container container : orEmpty(pod.getContainers())) {
      assertThat(KubernetesNames.isDns1123Label(container.getName())).as(container.getName()).isTrue();
    }
    for (V1EphemeralContainer container : orEmpty(pod.getEphemeralContainers())) {
      assertThat(KubernetesNames.isDns1123Label(container.getName())).as(container.getName()).isTrue();
    }
    for (V1Volume volume : orEmpty(pod.getVolumes())) {
      assertThat(KubernetesNames.isDns1123Label(volume.getName())).as(volume.getName()).isTrue();
    }
  }

  private static void assertCarriesRunLabels(V1ObjectMeta metadata, Map<String, String> selector, String unitId) {
    assertThat(metadata.getLabels())
        .containsAllEntriesOf(selector)
        .containsEntry(K8upAnnotations.UNIT_LABEL, unitId);
  }

  private static List<String> labelValues(V1ObjectMeta metadata) {
    return metadata == null || metadata.getLabels() == null ? List.of() : List.copyOf(metadata.getLabels().values());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.util.Yaml;
import static com.google.common.collect.MoreCollectors.onlyElement;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code k8up-rwo manifests}: what a run would create, without a cluster. */
class ManifestsCommandTest {

  @Test
  void printsOneRestrictedJobPerClaimToBackUp() throws IOException {
    CliRun run = CliRun.of("manifests", "--sample", "--run-id", "demo");

    assertThat(run.exitCode()).as("the sample has claims that cannot be backed up").isEqualTo(ExitCodes.FAILED_DECISIONS);
    Map<String, V1Job> jobs = jobsByClaims(run.out());
    assertThat(jobs).containsOnlyKeys("assets", "data-web-0", "logs", "reports", "scratch");
    assertThat(Yaml.loadAll(run.out())).as("a pod patch is no object to apply").noneMatch(V1Pod.class::isInstance);
    String patch = run.err().lines().filter(line -> line.startsWith("kubectl patch")).collect(onlyElement());
    assertThat(patch).startsWith("kubectl patch pod ghost-0 -n blog --subresource ephemeralcontainers --type strategic -p '");
    V1Pod body = Yaml.loadAs(patch.substring(patch.indexOf('\'') + 1, patch.lastIndexOf('\'')), V1Pod.class);
    assertThat(body.getSpec().getContainers()).isNullOrEmpty();
    assertThat(body.getSpec().getEphemeralContainers()).singleElement().satisfies(container ->
        assertThat(container.getVolumeMounts().get(0).getMountPath()).isEqualTo("/data/ghost-content"));
    assertThat(jobs.values()).allSatisfy(job -> {
      assertThat(job.getMetadata().getName()).startsWith("k8up-rwo-demo-");
      assertThat(RestrictedProfile.violations(job.getSpec().getTemplate())).isEmpty();
    });
    assertThat(jobs.get("data-web-0").getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchFields().get(0)
        .getValues()).containsExactly("worker-2");
    assertThat(jobs.get("scratch").getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("kubernetes.io/hostname", "worker-1");
    assertThat(run.out()).doesNotContain("overhead", "[]");
    assertThat(run.err()).contains("# not backed up: PersistentVolumeClaim shop/archive");
  }

  @Test
  void claimsOnTheSamplesTaintedNodeTolerateItsNoScheduleTaint() throws IOException {
    Map<String, V1Job> jobs = jobsByClaims(CliRun.of("manifests", "--sample").out());

    V1Toleration dedicated = new V1Toleration().key("dedicated").operator("Equal").value("storage").effect("NoSchedule");
    assertThat(tolerations(jobs.get("reports"))).containsExactly(dedicated);
    assertThat(tolerations(jobs.get("logs"))).containsExactly(dedicated);
    assertThat(tolerations(jobs.get("scratch"))).as("worker-1 is not in the sample").isNullOrEmpty();
    assertThat(tolerations(jobs.get("assets"))).isNullOrEmpty();
  }

  @Test
  void perNodeGroupingPutsTheClaimsOfOneNodeInOneJob() throws IOException {
    CliRun run = CliRun.of("manifests", "--sample", "--grouping", "per-node", "--image", "registry.local/restic:1");

    Map<String, V1Job> jobs = jobsByClaims(run.out());
    assertThat(jobs).containsOnlyKeys("assets", "data-web-0", "logs,reports", "scratch");
    assertThat(jobs.get("logs,reports").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local/restic:1");
  }

  @Test
  void sameRunIdGivesTheSameManifests() {
    assertThat(CliRun.of("manifests", "--sample", "--run-id", "r1").out())
        .isEqualTo(CliRun.of("manifests", "--sample", "--run-id", "r1").out());
  }

  @Test
  void withoutARunIdTheManifestsDoNotChangeFromOneCallToTheNext() throws IOException {
    String first = CliRun.of("manifests", "--sample").out();

    assertThat(CliRun.of("manifests", "--sample").out()).isEqualTo(first);
    assertThat(jobsByClaims(first).values()).allSatisfy(job ->
        assertThat(job.getMetadata().getName()).startsWith("k8up-rwo-manifests-"));
  }

  @Test
  void timeoutIsEveryJobsActiveDeadline() throws IOException {
    Map<String, V1Job> jobs = jobsByClaims(CliRun.of("manifests", "--sample", "--timeout", "1h30m").out());

    assertThat(jobs.values()).allSatisfy(job -> assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(5400L));
    assertThat(jobsByClaims(CliRun.of("manifests", "--sample").out()).values())
        .allSatisfy(job -> assertThat(job.getSpec().getActiveDeadlineSeconds()).as("default 1h").isEqualTo(3600L));
  }

  private static List<V1Toleration> tolerations(V1Job job) {
    return job.getSpec().getTemplate().getSpec().getTolerations();
  }

  private static Map<String, V1Job> jobsByClaims(String yaml) throws IOException {
    List<Object> documents = Yaml.loadAll(yaml);
    return documents.stream().filter(V1Job.class::isInstance).map(V1Job.class::cast).collect(Collectors.toMap(
        job -> job.getMetadata().getAnnotations().get("k8up.io/claims"), Function.identity()));
  }
}

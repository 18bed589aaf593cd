package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node whose name differs from its {@code kubernetes.io/hostname} label, as on EKS: backups
 * pinned by the hostname (annotation, local volume) and by the mounting pod's node name all count
 * against that one node, whether or not the run read the Nodes.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(480)
class HostnameLiveCheck {

  private LiveLab lab;
  private CliProcess run;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (run != null) {
      run.stop();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest(name = "--read-nodes {0}")
  @ValueSource(booleans = {false, true})
  void aNodeNamedOtherThanItsHostnameTakesOneBackupAtATime(boolean readNodes) throws Exception {
    lab = LiveLab.open(readNodes ? "eks-nodes" : "eks");
    String node = lab.namespace() + ".ec2.internal";
    String hostname = lab.namespace() + "-host";
    lab.node(node, hostname);
    lab.node("other");
    lab.claimWithHostname("host-1", hostname);
    lab.claimWithHostname("host-2", hostname);
    lab.claimWithHostname("host-3", hostname);
    lab.claimOnLocalVolume("local-1", hostname);
    lab.claimOnLocalVolume("local-2", hostname);
    lab.claimMountedBy("mounted", "ReadWriteOnce", node);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(4), false)) {
      lab.awaitReady();
      List<String> options = new ArrayList<>(List.of("--run-id", "eks", "--max-per-node", "1",
          "--max-concurrent", "4", "--timeout", "4m"));
      if (readNodes) {
        options.add("--read-nodes");
      }
      run = CliProcess.run(lab, dir, "run", options.toArray(String[]::new));

      assertThat(run.awaitExit(Duration.ofMinutes(6))).as("the run ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.outcomes().values()).as(run.transcript()).hasSize(6).allMatch(o -> o.startsWith("SUCCEEDED/"));
      assertThat(events).filteredOn(KubeletEvent::startsBackup).extracting(KubeletEvent::node).containsOnly(node)
          .hasSize(6);
      assertThat(NodeOccupancy.mostAtOnce(events)).as("most backups at once per node; log in " + dir)
          .containsEntry(node, 1);
      assertThat(lab.leftovers("eks")).isEmpty();
    }
  }
}

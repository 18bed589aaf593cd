package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.examples.cli.K8upRwoCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@code k8up-rwo manifests … | kubectl apply --dry-run=server -f -} is accepted by a real API
 * server in a namespace that enforces and warns Pod Security "restricted", and so is each
 * {@code kubectl patch … --subresource ephemeralcontainers} line it prints, run as printed.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(300)
class ManifestsLiveCheck {

  private LiveLab lab;

  @AfterEach
  void cleanUp() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void whatManifestsPrintsIsAcceptedAsPrinted() throws Exception {
    lab = LiveLab.open("manifests");
    // Admission checks a Job's pod template in warn and audit mode only: warn makes a violation visible.
    lab.kubectl().run("label", "namespace", lab.namespace(), "pod-security.kubernetes.io/warn=restricted",
        "pod-security.kubernetes.io/warn-version=latest");
    String node = lab.node("a");
    lab.claimMountedBy("mounted", "ReadWriteOnce", node);
    lab.claimMountedBy("held", "ReadWriteOncePod", node);
    lab.claimOnLocalVolume("local", node);
    lab.claimWithHostname("pinned", node);
    lab.sharedClaim("shared");
    lab.markRunning("app-mounted");
    lab.markRunning("app-held");
    lab.awaitReady();
    Path dir = lab.workDir();

    Path out = dir.resolve("manifests.yaml");
    Path err = dir.resolve("manifests.err");
    Process manifests = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), K8upRwoCommand.class.getName(), "manifests",
        "--kubeconfig", lab.kubectl().kubeconfig().toString(), "-n", lab.namespace())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(manifests.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(manifests.exitValue()).as(Files.readString(err)).isZero();

    Kubectl.Result applied = lab.kubectl().attempt(Files.readString(out), "apply", "--dry-run=server", "-f", "-");
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.err()).as("no Pod Security warning").isEmpty();
    assertThat(applied.out().lines()).hasSize(4).allMatch(line -> line.endsWith(" created (server dry run)"));

    List<String> patches = Files.readString(err).lines().filter(line -> line.startsWith("kubectl patch")).toList();
    assertThat(patches).singleElement().satisfies(patch -> assertThat(patch).contains("app-held"));
    // The line as printed, with kubectl pointed at the lab and kept to a dry run.
    Process shell = new ProcessBuilder("sh", "-c", "kubectl() { command kubectl --kubeconfig '"
        + lab.kubectl().kubeconfig() + "' \"$@\" --dry-run=server; }\n" + patches.get(0))
        .redirectErrorStream(true).start();
    String said = new String(shell.getInputStream().readAllBytes());
    assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).as(said).isZero();
    assertThat(said.strip()).isEqualTo("pod/app-held patched");
  }
}

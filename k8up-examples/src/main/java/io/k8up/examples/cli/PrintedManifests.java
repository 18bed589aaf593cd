package io.k8up.examples.cli;

import com.google.common.collect.ImmutableList;
import com.google.gson.GsonBuilder;
import io.k8up.core.TerminalText;
import io.k8up.core.run.Manifests;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Prints what a run would do so that it can be done by hand: objects as YAML that {@code kubectl
 * apply -f -} takes, and each ephemeral container as the {@code kubectl patch} command that adds
 * it, since a pod that only lists ephemeral containers is a patch body, not an object to apply.
 */
final class PrintedManifests {

  private PrintedManifests() {}

  /**
   * Prints the objects of {@code manifests} on {@code out}, every Job with {@code timeout} as its
   * {@code activeDeadlineSeconds}, and a patch command per ephemeral container on {@code err}.
   */
  static void print(List<KubernetesObject> manifests, Duration timeout, PrintWriter out, PrintWriter err) {
    ImmutableList.Builder<KubernetesObject> objects = ImmutableList.builder();
    for (KubernetesObject object : manifests) {
      if (object instanceof V1Pod pod && isEphemeralContainerPatch(pod)) {
        err.println("# add the backup container to pod " + TerminalText.escape(pod.getMetadata().getNamespace() + "/"
            + pod.getMetadata().getName()) + " (ephemeral containers are added by a patch, never applied):");
        err.println(TerminalText.escape(patchCommand(pod)));
        continue;
      }
      if (object instanceof V1Job job && job.getSpec() != null && job.getSpec().getActiveDeadlineSeconds() == null) {
        // A run stops a unit after the timeout itself; a Job applied by hand has only this to stop it.
        job.getSpec().setActiveDeadlineSeconds(timeout.toSeconds());
      }
      objects.add(object);
    }
    out.print(Manifests.toYaml(objects.build()));
  }

  private static boolean isEphemeralContainerPatch(V1Pod pod) {
    return pod.getSpec() != null
        && (pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty())
        && pod.getSpec().getEphemeralContainers() != null && !pod.getSpec().getEphemeralContainers().isEmpty();
  }

  /**
   * {@code kubectl patch pod NAME -n NAMESPACE --subresource ephemeralcontainers --type strategic -p
   * 'BODY'}, every word quoted for a POSIX shell and the body in printable ASCII, so that the line
   * runs as printed, whatever the names in a cluster file hold.
   */
  static String patchCommand(V1Pod pod) {
    // The body as the executor sends it: Manifests' YAML drops the empty lists client-java adds.
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<?, ?> document = yaml.load(Manifests.toYaml(List.of(pod)));
    String body = new GsonBuilder().disableHtmlEscaping().create().toJson(Map.of("spec", document.get("spec")));
    return "kubectl patch pod " + shellWord(pod.getMetadata().getName()) + " -n "
        + shellWord(pod.getMetadata().getNamespace()) + " --subresource ephemeralcontainers --type strategic -p "
        + shellWord(asciiJson(body));
  }

  // A Kubernetes name as it is; anything else in single quotes, which a POSIX shell takes literally.
  private static String shellWord(String text) {
    return text.matches("[a-z0-9][a-z0-9.-]*") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  // Characters beyond printable ASCII occur only inside JSON strings, where their JSON escape means
  // the same: so the body needs no terminal escaping, which would change it.
  private static String asciiJson(String json) {
    StringBuilder ascii = new StringBuilder(json.length());
    json.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return ascii.toString();
  }
}

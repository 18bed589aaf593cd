package io.k8up.examples.cli;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which namespaces a command works in, as kubectl takes them: options shared by every command. */
final class NamespaceOptions {

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", split = ",", converter = OptionConverters.NamespaceName.class,
      description = "The namespaces to work in, e.g. -n shop,blog or -n shop -n blog. Default: every namespace of a"
          + " file; the context's namespace of a live cluster.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = {"-A", "--all-namespaces"},
      description = "Every namespace; on a live cluster this lists the namespaces, which needs \"list\" on namespaces.")
  boolean all;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * Checks the options before a command reads anything.
   *
   * @throws ParameterException if both {@code -n} and {@code -A} are given
   */
  void check() {
    if (all && !namespaces.isEmpty()) {
      throw new ParameterException(command.commandLine(), "give either --namespace or --all-namespaces, not both");
    }
  }

  /**
   * The namespaces named with {@code -n}, none for {@code -A} or no option.
   *
   * @throws ParameterException if both {@code -n} and {@code -A} are given
   */
  ImmutableList<String> named() {
    check();
    return ImmutableList.copyOf(namespaces.stream().distinct().iterator());
  }

  /**
   * The part of a file's {@code snapshot} in the chosen namespaces; a chosen namespace with no
   * claims and no pods is said on {@code err}, with the namespaces the file has.
   */
  ClusterSnapshot restrict(ClusterSnapshot snapshot, PrintWriter err) {
    ImmutableList<String> named = named();
    if (named.isEmpty()) {
      return snapshot;
    }
    ImmutableSortedSet<String> present = namespacesOf(snapshot);
    named.stream().filter(namespace -> !present.contains(namespace)).forEach(namespace -> err.println(
        "note: namespace " + namespace + " has no claims and no pods in the file; its namespaces are: "
            + (present.isEmpty() ? "none" : String.join(", ", present))));
    return snapshot.inNamespaces(named);
  }

  /**
   * The namespaces to read on a live cluster: those named, every one for {@code -A}, else the
   * context's.
   *
   * @throws SnapshotException if the namespaces cannot be listed
   */
  ImmutableList<String> live(Kubeconfigs.Connection connection) throws SnapshotException {
    ImmutableList<String> named = named();
    if (!named.isEmpty()) {
      return named;
    }
    if (!all) {
      return ImmutableList.of(connection.namespace());
    }
    try {
      return new CoreV1Api(connection.client()).listNamespace().execute().getItems().stream()
          .map(namespace -> namespace.getMetadata().getName())
          .sorted()
          .collect(ImmutableList.toImmutableList());
    } catch (ApiException e) {
      if (e.getCode() == 0) {
        throw ClusterProbe.unreachable(connection.client().getBasePath(), "list namespaces: " + e.getCause());
      }
      throw new SnapshotException("Cannot list the namespaces of " + connection.client().getBasePath() + ": HTTP "
          + e.getCode() + (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN ? " (forbidden: -A needs \"list\" on namespaces)" : ""), e);
    }
  }

  /**
   * The namespaces of {@code namespaces} that do not exist on the live cluster; each one read with
   * no claims and no pods is said on {@code err}. Asks the API server only about those.
   */
  static ImmutableList<String> missing(ClusterSnapshot snapshot, List<String> namespaces,
      Kubeconfigs.Connection connection, PrintWriter err) {
    ImmutableSortedSet<String> present = namespacesOf(snapshot);
    ImmutableList.Builder<String> missing = ImmutableList.builder();
    for (String namespace : namespaces) {
      if (present.contains(namespace)) {
        continue;
      }
      String exists = "it exists";
      try {
        new CoreV1Api(connection.client()).readNamespace(namespace).execute();
      } catch (ApiException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          missing.add(namespace);
          exists = "it does not exist";
        } else {
          exists = "whether it exists is not known (HTTP " + e.getCode() + " to get it)";
        }
      }
      err.println("note: namespace " + namespace + " has no claims and no pods to back up; " + exists);
    }
    return missing.build();
  }

  private static ImmutableSortedSet<String> namespacesOf(ClusterSnapshot snapshot) {
    return Stream.concat(snapshot.claims().stream().map(Claim::namespace), snapshot.pods().stream().map(Pod::namespace))
        .collect(ImmutableSortedSet.toImmutableSortedSet(String::compareTo));
  }
}

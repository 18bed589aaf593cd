package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option values are checked before anything runs; a usage error is one line and where to read more. */
@Timeout(60)
class OptionValuesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "run --max-concurrent 0            | '--max-concurrent': expected a whole number of at least 1, not \"0\"",
    "run --max-concurrent -1           | '--max-concurrent': expected a whole number of at least 1, not \"-1\"",
    "run --max-per-node 0              | '--max-per-node': expected a whole number of at least 1",
    "run --max-per-namespace 0         | '--max-per-namespace': expected a whole number of at least 1",
    "run --restic ' '                  | '--restic': expected a program name or path",
    "manifests --sample --image ''     | '--image': expected an image",
    "manifests --sample --image 'a b'  | '--image': expected an image",
    "manifests --sample --repository-secret Repo_1 | '--repository-secret': expected a Secret name",
    "manifests --sample --run-id Nightly | '--run-id'",
    "manifests --sample --timeout 0s   | '--timeout': expected a duration of more than zero",
    "manifests --sample --timeout soon | '--timeout': expected a duration such as 90s, 30m or 1h30m",
    "plan --sample --page-size 0       | '--page-size': expected a whole number of at least 1, not \"0\"",
    "run --page-size 0                 | '--page-size': expected a whole number of at least 1, not \"0\"",
    "sweep --page-size 0               | '--page-size': expected a whole number of at least 1, not \"0\"",
    "plan --sample -n Shop             | '--namespace' (NS): expected a namespace name",
    "plan --sample -n shop,,blog       | '--namespace' (NS): expected a namespace name",
    "plan --sample --strategy-order 'job-per-pvc,,x' | '--strategy-order' (ID): expected strategy ids separated by commas",
    "plan --kubeconfig /nonexistent --strategy-order teleport | '--strategy-order' (ID): no strategy with id teleport is installed",
    "run --kubeconfig /nonexistent --strategy-order teleport | '--strategy-order' (ID): no strategy with id teleport is installed",
    "plan --sample -n shop -A          | give either --namespace or --all-namespaces",
    "plan --kubeconfig /nonexistent -n shop -A  | give either --namespace or --all-namespaces",
    "run --kubeconfig /nonexistent -n shop -A   | give either --namespace or --all-namespaces",
    "sweep --kubeconfig /nonexistent -n shop -A | give either --namespace or --all-namespaces",
    "explain --sample a/b/c            | expected NAME or NAMESPACE/NAME, not \"a/b/c\"",
    "explain --sample /logs            | expected NAME or NAMESPACE/NAME",
    "sweep --older-than -5m            | '--older-than': expected a duration"
  })
  void badValueIsOneLineNamingTheOption(String args, String expected) {
    CliRun run = CliRun.of(split(args));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("k8up-rwo: ")
        .contains(expected)
        .endsWith("; see 'k8up-rwo " + args.substring(0, args.indexOf(' ')) + " --help'"));
  }

  @Test
  void unknownOptionIsOneLine() {
    CliRun run = CliRun.of("plan", "--frobnicate");

    assertThat(run.err()).isEqualTo("k8up-rwo: Unknown option: '--frobnicate'; see 'k8up-rwo plan --help'\n");
  }

  @Test
  void strategyOrderIgnoresSpacesAroundIds() {
    CliRun run = CliRun.of("plan", "--sample", "--strategy-order", "job-per-pvc, ephemeral-container", "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("\"ephemeral-container\"");
  }

  @Test
  void durationsAreTakenAsKubectlWritesThem() {
    assertThat(new OptionConverters.DurationValue().convert("1h30m")).hasMinutes(90);
    assertThat(new OptionConverters.DurationValue().convert("2m5s")).hasSeconds(125);
    assertThat(new OptionConverters.DurationValue().convert("PT1H")).hasHours(1);
  }

  @Test
  void eachCommandListsOnlyTheOptionsThatMatterToIt() {
    assertThat(CliRun.of("run", "--help").out())
        .contains("--kubeconfig", "--max-concurrent", "--restic", "--record-events", "--strategy-order", "--timeout")
        .doesNotContain("--sample", "--cluster-file");
    assertThat(CliRun.of("sweep", "--help").out())
        .contains("--kubeconfig", "--namespace", "--all-namespaces", "--older-than", "--run-id")
        .doesNotContain("--sample", "--cluster-file", "--opt-in", "--strategy-order", "--read-nodes", "--timeout");
    assertThat(CliRun.of("manifests", "--help").out())
        .contains("--sample", "--image", "--timeout", "--grouping", "--run-id")
        .doesNotContain("--record-events", "--restic", "--max-concurrent", "--max-per-node", "--max-per-namespace");
    assertThat(CliRun.of("plan", "--help").out())
        .contains("--sample", "--strategy-order", "--output")
        .doesNotContain("--image", "--run-id", "--timeout", "--max-concurrent");
  }

  /** Splits a command line at spaces, with single quotes around a value that holds spaces or is empty. */
  private static String[] split(String line) {
    List<String> args = new ArrayList<>();
    Matcher matcher = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
    while (matcher.find()) {
      args.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    return args.toArray(String[]::new);
  }
}

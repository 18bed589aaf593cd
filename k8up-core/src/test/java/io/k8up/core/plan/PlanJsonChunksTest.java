package io.k8up.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.ImmutableCommandTarget;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * A plan whose decisions are rendered in chunks, on several threads, is written character for
 * character as when they are rendered as one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlanJsonChunksTest {

  private static final int ONE_CHUNK = Integer.MAX_VALUE;

  /** Strings a JSON writer must escape, or may be tempted to: quotes, control characters, U+2028… */
  private static final List<String> AWKWARD = List.of(
      "", "\"", "\\", "\"quoted\" \\path\\", "\u0000", "\u0001\u001f", "\t\n\r\b\f", "\u007f", "\u2028", "\u2029",
      "é", "Grüße", "日本語", "😀", "\ud800", "</script>", "a & b = 'c'", "{\"d\": [1]}", ",\n    {");

  private static final NodeSelectorTerm TERM = NodeSelectorTerm.builder()
      .addMatchExpressions(NodeSelectorRequirement.of("zone \"1\"", "NotIn", List.of("z\u2028", "ü")))
      .addMatchFields(NodeSelectorRequirement.of("metadata.name", "Exists", List.of()))
      .build();

  @Test
  void manyMoreDecisionsThanOneChunkAreWrittenAsOneChunk() {
    BackupPlan plan = BackupPlan.of(decisions(5_000), List.of("a note", "another \"note\"\n"));

    String oneChunk = write(plan, ONE_CHUNK);

    assertThat(write(plan, 7)).isEqualTo(oneChunk);
    assertThat(write(plan, 1)).isEqualTo(oneChunk);
    assertThat(write(plan, 4_999)).isEqualTo(oneChunk);
    assertThat(PlanJson.toJson(plan)).isEqualTo(oneChunk);
  }

  @Test
  void generatedPlansAreWrittenInChunksAsInOne() {
    Gen<String> text = strings().allPossible().ofLengthBetween(0, 12)
        .mix(integers().between(0, AWKWARD.size() - 1).map(AWKWARD::get), 50);
    Gen<Decision> decisions = integers().between(0, 5).zip(text, text, (kind, name, message) ->
        decision(kind, name, message));
    Gen<BackupPlan> plans = lists().of(decisions).ofSizeBetween(0, 60)
        .zip(lists().of(text).ofSizeBetween(0, 3), BackupPlan::of);

    qt().withExamples(300).forAll(plans, integers().between(1, 9)).checkAssert((plan, chunkSize) ->
        assertThat(write(plan, chunkSize)).isEqualTo(write(plan, ONE_CHUNK)));
  }

  @Test
  void emptyPlanIsAnObjectWithEmptyArrays() {
    BackupPlan empty = BackupPlan.of(List.of(), List.of());

    assertThat(write(empty, 1)).isEqualTo("{\n  \"schemaVersion\": 1,\n  \"decisions\": [],\n  \"notes\": []\n}");
    assertThat(PlanJson.toJson(empty)).isEqualTo(write(empty, 1));
  }

  @Test
  void twoChunksAreSeparatedAsTwoDecisions() {
    BackupPlan plan = BackupPlan.of(
        List.of(Decision.skip(Subject.claim("ns", "a"), DecisionReason.OPTED_OUT, "A."),
            Decision.skip(Subject.claim("ns", "b"), DecisionReason.OPTED_OUT, "B.")),
        List.of("n"));

    assertThat(write(plan, 1)).isEqualTo("{\n  \"schemaVersion\": 1,\n  \"decisions\": [\n"
        + "    {\n      \"kind\": \"PersistentVolumeClaim\",\n      \"namespace\": \"ns\",\n      \"name\": \"a\",\n"
        + "      \"action\": \"SKIP\",\n      \"reason\": \"OPTED_OUT\",\n      \"message\": \"A.\"\n    },\n"
        + "    {\n      \"kind\": \"PersistentVolumeClaim\",\n      \"namespace\": \"ns\",\n      \"name\": \"b\",\n"
        + "      \"action\": \"SKIP\",\n      \"reason\": \"OPTED_OUT\",\n      \"message\": \"B.\"\n    }\n"
        + "  ],\n  \"notes\": [\n    \"n\"\n  ]\n}");
  }

  @Test
  void aFailingWriterFailsTheWriteWithItsException() {
    BackupPlan plan = BackupPlan.of(decisions(2_000), List.of());
    Writer failing = new Writer() {
      private int written;

      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        written += length;
        if (written > 10_000) {
          throw new IOException("disk full");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    assertThatThrownBy(() -> PlanJson.write(plan, failing, 10)).isInstanceOf(IOException.class).hasMessage("disk full");
  }

  private static String write(BackupPlan plan, int chunkSize) {
    StringWriter out = new StringWriter();
    try {
      PlanJson.write(plan, out, chunkSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code count} decisions of every kind, with awkward strings. */
  private static List<Decision> decisions(int count) {
    List<Decision> decisions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      decisions.add(decision(i % 6, "claim-" + i + AWKWARD.get(i % AWKWARD.size()), AWKWARD.get((i / 6) % AWKWARD.size())));
    }
    return decisions;
  }

  /** A decision of one of six kinds: skip, fail, claim backup placed three ways, command backup. */
  private static Decision decision(int kind, String name, String message) {
    Subject claim = Subject.claim("ns", name);
    return switch (kind) {
      case 0 -> Decision.skip(claim, DecisionReason.OPTED_OUT, message);
      case 1 -> Decision.fail(claim, DecisionReason.NO_NODE, message);
      case 2 -> Decision.backup(claim, claimTarget(name, Placement.onPodNode("node " + message, true)),
          DecisionReason.MOUNTING_POD, message).withStrategy("job-per-pvc");
      case 3 -> Decision.backup(claim, claimTarget(name, Placement.byNodeAffinity(List.of(TERM))),
          DecisionReason.PV_NODE_AFFINITY, message);
      case 4 -> Decision.backup(claim, claimTarget(name, Placement.onHostname("host " + message)),
          DecisionReason.HOSTNAME_ANNOTATION, message).withStrategy(message);
      default -> Decision.backup(Subject.pod("ns", name), commandTarget(name, message),
          DecisionReason.BACKUP_COMMAND, message);
    };
  }

  private static BackupTarget claimTarget(String name, Placement placement) {
    return ClaimTarget.of("ns", name, "pv-" + name, ImmutableSet.of(AccessMode.READ_WRITE_ONCE), placement,
        ImmutableList.of());
  }

  private static BackupTarget commandTarget(String name, String command) {
    ImmutableCommandTarget.Builder target = CommandTarget.builder().namespace("ns").name(name).command(command).container("app");
    if (command.length() % 2 == 0) {
      target.fileExtension(".sql").node("worker-1");
    }
    return target.build();
  }
}

package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * {@link BlockYamlTokens} yields exactly {@link YamlTokens}' tokens or declines, and does not
 * decline what kubectl writes.
 */
class BlockYamlTokensTest {

  private static final ReadLimits LIMITS = ReadLimits.DEFAULTS;
  private static final int EXAMPLES = 3000;

  // Pieces of keys and strings that YAML treats specially somewhere.
  private static final String[] ATOMS = {
      "a", "b", "x y", ":", "#", "-", "\"", "'", "\\", " ", "  ", "é", "世", "😀", "yes", "no",
      "on", "Off", "0755", "1e3", "-1", ".5", "0x1F", "~", "null", "true", "", "\n", "\t", "- ",
      ": ", " #", "|", ">", "&", "*", "!", "%", "@", "`", "{", "}", "[", "]", ",", "?", "---",
      "...", "\u0085", "\u2028", "\uFEFF", "\r", "\u00A0", "\u0001", "\u007F", "\u00E9t\u00E9"};

  @Test
  void blockYamlDumpedBySnakeYamlYieldsTheSameTokensOrIsDeclined() {
    AtomicInteger read = new AtomicInteger();
    qt().withExamples(EXAMPLES).forAll(trees(ATOMS), dumpSettings())
        .checkAssert((tree, settings) -> {
          if (!sameTokensOrDeclined(new Dump(settings).dumpToString(tree))) {
            read.incrementAndGet();
          }
        });
    // Not vacuous: many texts are read, not declined.
    assertThat(read.get()).isGreaterThan(EXAMPLES / 10);
  }

  @Test
  void kubectlStyleYamlIsNeverDeclined() {
    String[] kubectlAtoms = {"a", "b", "x y", "-", ".", "/", ":", "\"", "'", "\\", " ", "é", "yes",
        "0755", "1e3", "~", "null", "", "true", "12", "\n", "#", "@", "😀"};
    qt().withExamples(EXAMPLES).forAll(trees(kubectlAtoms))
        .checkAssert(tree -> sameTokens(KubectlStyle.write(tree)));
  }

  @Test
  void kubectlStyleYamlWithRandomEditsYieldsTheSameTokensOrIsDeclined() {
    String[] kubectlAtoms = {"a", "b", "x y", "-", ":", "\"", "'", "\\", " ", "é", "yes", "1e3",
        "", "\n", "#"};
    AtomicInteger read = new AtomicInteger();
    qt().withExamples(EXAMPLES).forAll(trees(kubectlAtoms), edits())
        .checkAssert((tree, edits) -> {
          if (!sameTokensOrDeclined(edit(KubectlStyle.write(tree), edits))) {
            read.incrementAndGet();
          }
        });
    assertThat(read.get()).isGreaterThan(EXAMPLES / 10);
  }

  @Test
  void theDumpedDocumentIsRead() {
    sameTokens("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: PersistentVolumeClaim\n"
        + "  metadata:\n    annotations:\n      k8up.io/backup: \"true\"\n    name: data-0\n"
        + "  spec:\n    accessModes:\n    - ReadWriteMany\n    resources:\n      requests:\n"
        + "        storage: 1Gi\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
  }

  @Test
  void plainScalarsAndKeys() {
    sameTokens("key:value\n");
    sameTokens("a  : b\nc d :\ne:f: g\n");
    sameTokens("key: value  \nother:   x  y  \n");
    sameTokens("a: yes\nb: 0755\nc: 1e3\nd: ~\ne: null\nf: -1\ng: .5\nh: 0x1F\ni: a#b\nj: a:b\n");
    sameTokens("url: http://example.com:8080/x?y=z\n");
    sameTokens("-a: b\n?a: b\n:a: b\n---a: b\n...a: b\n");
    sameTokens("key:\nother:\n");
    sameTokens("key:");
    sameTokens("plain root scalar");
    sameTokens("  a: b\n  c: d\n");
    sameTokens("é: ü\n");
  }

  @Test
  void plainScalarsOverSeveralLines() {
    sameTokens("a: x\n  y\nb: c\n");
    sameTokens("a: x  \n\n     y  \n  \n\n  - z\n 'q' \"r\"\nb: c\n");
    sameTokens("- a\n b\n- c\n  d\n");
    sameTokens("- k: a\n    b\n  l: c\n");
    sameTokens("key:\n- a\n  - b\n");
    sameTokens("    message: 0/3 nodes are available, 3 Insufficient cpu. preemption 0/3 nodes\n"
        + "      are available.\n");
  }

  @Test
  void sequences() {
    sameTokens("-\n");
    sameTokens("- - a\n  - b\n- c\n");
    sameTokens("- a: b\n  c: d\n- e\n");
    sameTokens("key:\n- a\n- b\nnext: c\n");
    sameTokens("key:\n  - a\n  - b\nnext: c\n");
    sameTokens("-\n- a\n-\n");
    sameTokens("a:\n- b:\n  - c\n  d: e\n");
    sameTokens("-   a: b\n    c: d\n");
    sameTokens("- -\n- - -\n");
  }

  @Test
  void quotedScalars() {
    sameTokens("\"a\": b\n'c': d\n");
    sameTokens("a: 'it''s'\nb: \"x\\\"y\\\\z\\n\\t\\x41\\u00e9\\U0001F600\\0\\a\\b\\v\\f\\r\\e"
        + "\\ \\/\\N\\_\"\n");
    sameTokens("a: \"\"\nb: ''\nc: \"true\"\nd: '0755'\n");
    sameTokens("- \"a: b\"\n- 'c # d'\n- \"\": x\n");
    sameTokens("a: \"é 世 😀\"\n😀: 😀x\n");
    sameTokens("\"root\"\n");
  }

  @Test
  void quotedScalarsOverSeveralLines() {
    sameTokens("a: 'x\n  y'\n");
    sameTokens("a: 'x  \n\n   y '' z'\nb: \"p \\\n   q\\\n\n  r  \n  s\"\n");
    sameTokens("- 'a\n  b'\n- \"c\n  d\\t \n\n\n  e\"\n");
    sameTokens("  status:\n    message: '0/3 nodes are available: 3 Insufficient cpu. preemption:\n"
        + "      0/3 nodes are available.'\n");
  }

  @Test
  void literalBlockScalars() {
    sameTokens("a: |\n  line 1\n  line 2\nb: c\n");
    sameTokens("a: |-\n  x\n\n  y\n\n\nb: c\n");
    sameTokens("a: |+\n  x\n\n  y\n\n\nb: c\n");
    sameTokens("a: |\n  x\n\n\n");
    sameTokens("a: |+\n  x\n\n\n");
    sameTokens("a: |\n  x\n    more indented\n  back\n");
    sameTokens("a: |2\n    starts indented\n  x\n");
    sameTokens("a: |-2\n    starts indented\n");
    sameTokens("a: |\n x\n");
    sameTokens("- |\n  item\n- |-\n  item\n");
    sameTokens("- a: |\n    x # not a comment\n  b: c\n");
    sameTokens("a:\n- |\n  x\n  y\n");
    sameTokens("a: |\n  x\n     \n  y\n");
    sameTokens("a: |\n  {\"json\": [1, 2]}\n");
  }

  @Test
  void emptyFlowCollectionsAndEmptyValues() {
    sameTokens("a: {}\nb: []\n");
    sameTokens("- {}\n- []\n");
    sameTokens("a:\n  b:\n  c: {}\n");
  }

  @Test
  void documentStart() {
    sameTokens("---\na: b\n");
    sameTokens("--- \n\n- a\n");
    sameTokens("---\n");
    sameTokens("");
    sameTokens("\n  \n");
  }

  @Test
  void malformedOrUnsupportedTextIsDeclined() {
    for (String yaml : List.of(
        // malformed
        "a: b: c\n", "a: - b\n", "a: b\n c: d\n", "a:\n  b: c\n d: e\n", "- a: b\n  c\n",
        "a: b\n  c: d\n", "a: b\nc\n", "- a\nb: c\n", "a: b\n- c\n", "a: \"b\n", "a: 'b\n",
        "- 'x\n  y\n", "a: \"x\ny\"\n", "'a\n b': c\n", "a:\n- 'x\n  y': z\n", "a: \"b\"c\n",
        "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: \"\\U00110000\"\n", "a: |0\n  x\n", "a: |x\n  x\n",
        "a: [\n", "a: {}}\n", "a:\u0001\n", "a: \ude00\n", "a: \ud83d\ud83d\ude00\n",
        // outside the subset
        "[a]\n", "a: [a]\n", "a: {b: c}\n", "{}\n", "a: &x b\n", "a: *x\n", "a: !tag b\n",
        "a: !!str b\n", "a:\tb\n", "\ta: b\n", "a: b # comment\n", "a: b\n  # c\n",
        "# comment\na: b\n", "%YAML 1.2\n---\na: b\n", "? a\n: b\n", "a: >\n  folded\n",
        "a:\n  b\n", "a\nb\n", "a: b\n---\nc: d\n", "a: b\n...\n", "--- a\n", "\uFEFFa: b\n",
        "a: b\r\n", "a: |\n", "a: |\n\n  x\n", "a: |\n  no line break at the end", "@a: b\n",
        "a: `b`\n", "a: \"\\ud800\"\n", "a: \"\ud83d\"\n")) {
      assertThat(sameTokensOrDeclined(yaml)).as("declines %s", yaml).isTrue();
    }
  }

  @Test
  void nestingBeyondTheLimitIsDeclined() {
    ReadLimits shallow = new ReadLimits(1L << 30, 1 << 20, 1 << 20, 3, 1000, 1000);
    assertThat(read(blockTokens("a:\n  b:\n    c: d\n", shallow))).isNotNull();
    assertThat(read(blockTokens("a:\n  b:\n    c:\n      d: e\n", shallow))).isNull();
    assertThat(read(blockTokens("a:\n  b:\n    c: {}\n", shallow))).isNull();
    assertThat(read(blockTokens("- - - - a\n", shallow))).isNull();
  }

  @Test
  void aTokenBeyondTheLimitIsDeclined() {
    ReadLimits small = new ReadLimits(1L << 30, 100, 1 << 20, 10, 1000, 1000);
    assertThat(read(blockTokens("a: " + "x".repeat(50) + "\n", small))).isNotNull();
    assertThat(read(blockTokens("a: " + "x".repeat(200) + "\n", small))).isNull();
    assertThat(read(blockTokens("a: b\n" + "\n".repeat(200) + "c: d\n", small))).isNull();
  }

  @Test
  void aDifferentTokenFailsTheComparison() {
    // The comparison this test rests on sees a scalar that differs only in its type.
    assertThat(read(blockTokens("a: \"1\"\n", LIMITS)))
        .isNotEqualTo(readSlow("a: 1\n"));
  }

  private static void sameTokens(String yaml) {
    List<String> fast = read(blockTokens(yaml, LIMITS));
    if (fast == null) {
      fail("declined: " + yaml + " (" + declineReason(yaml) + ")");
    }
    assertThat(fast).as("tokens of %s", yaml).isEqualTo(readSlow(yaml));
  }

  /** Returns whether the text was declined; fails if it was read differently. */
  private static boolean sameTokensOrDeclined(String yaml) {
    List<String> fast = read(blockTokens(yaml, LIMITS));
    if (fast == null) {
      return true;
    }
    assertThat(fast).as("tokens of %s", yaml).isEqualTo(readSlow(yaml));
    return false;
  }

  private static String declineReason(String yaml) {
    try {
      TokenTranscript.of(blockTokens(yaml, LIMITS));
      return "";
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static List<String> readSlow(String yaml) {
    LimitedReader input =
        new LimitedReader(new StringReader(yaml), LIMITS, YamlTokens.BUFFER_CHARS);
    try {
      return TokenTranscript.of(new YamlTokens(input, input, LIMITS));
    } catch (IOException e) {
      return List.of("error: " + e.getMessage());
    }
  }

  /** The tokens, or null if declined. */
  private static BlockYamlTokens blockTokens(String yaml, ReadLimits limits) {
    return new BlockYamlTokens(yaml.toCharArray(), yaml.length(), limits);
  }

  private static List<String> read(BlockYamlTokens tokens) {
    try {
      return TokenTranscript.of(tokens);
    } catch (Declined e) {
      return null;
    } catch (IOException e) {
      throw new AssertionError("a problem of its own", e);
    }
  }

  // Up to three edits: {where, what}; where is a fraction of the text's length in thousandths.
  private static Gen<int[][]> edits() {
    return in -> {
      int[][] edits = new int[pick(in, 4)][];
      for (int k = 0; k < edits.length; k++) {
        edits[k] = new int[] {pick(in, 1000), pick(in, EDITS.length + 2)};
      }
      return edits;
    };
  }

  private static final String[] EDITS = {" ", "  ", "-", "- ", ":", ": ", "\n", "\"", "'", "#",
      " #", "|", "|-", "|+", "{", "}", "[", "]", "\\", "\t", "&", "*", "!", "?", "---\n", "...",
      "a", "\n\n"};

  // Inserts an EDITS string, deletes a character, or repeats a line, at each edit's place.
  private static String edit(String text, int[][] edits) {
    StringBuilder s = new StringBuilder(text);
    for (int[] edit : edits) {
      int at = s.length() * edit[0] / 1000;
      if (edit[1] < EDITS.length) {
        s.insert(at, EDITS[edit[1]]);
      } else if (edit[1] == EDITS.length) {
        if (at < s.length()) {
          s.deleteCharAt(at);
        }
      } else {
        int start = s.lastIndexOf("\n", at - 1) + 1;
        int end = s.indexOf("\n", at);
        s.insert(start, s.substring(start, end < 0 ? s.length() : end + 1));
      }
    }
    return s.toString();
  }

  private static Gen<DumpSettings> dumpSettings() {
    return in -> {
      var builder = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
          .setExplicitStart(pick(in, 2) == 0)
          .setWidth(pick(in, 2) == 0 ? 20 : 1000)
          .setDefaultScalarStyle(ScalarStyle.values()[pick(in, ScalarStyle.values().length)]);
      if (pick(in, 2) == 0) {
        builder.setIndent(4).setIndicatorIndent(2).setIndentWithIndicator(true);
      }
      return builder.build();
    };
  }

  /** Nested maps and lists of strings made of the atoms, and a few numbers, booleans and nulls. */
  private static Gen<Object> trees(String[] atoms) {
    return in -> tree(in, atoms, 0);
  }

  private static Object tree(RandomnessSource in, String[] atoms, int depth) {
    int kind = pick(in, depth >= 4 ? 3 : 5);
    switch (kind) {
      case 0, 1 -> {
        return string(in, atoms);
      }
      case 2 -> {
        return new Object[] {null, true, 42, -7L, 1.5}[pick(in, 5)];
      }
      case 3 -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = pick(in, 4); n > 0; n--) {
          map.put(string(in, atoms), tree(in, atoms, depth + 1));
        }
        return map;
      }
      default -> {
        List<Object> list = new ArrayList<>();
        for (int n = pick(in, 4); n > 0; n--) {
          list.add(tree(in, atoms, depth + 1));
        }
        return list;
      }
    }
  }

  private static String string(RandomnessSource in, String[] atoms) {
    if (pick(in, 4) > 0) {
      return line(in, atoms);
    }
    // Text over several lines, as block scalars hold, with zero to three trailing line breaks.
    StringBuilder text = new StringBuilder(line(in, atoms));
    for (int n = pick(in, 3); n > 0; n--) {
      text.append('\n').append(line(in, atoms));
    }
    return text.append("\n".repeat(pick(in, 4))).toString();
  }

  private static String line(RandomnessSource in, String[] atoms) {
    StringBuilder s = new StringBuilder();
    for (int n = pick(in, 5); n > 0; n--) {
      s.append(atoms[pick(in, atoms.length)]);
    }
    return s.toString();
  }

  private static int pick(RandomnessSource in, int bound) {
    return (int) in.next(Constraint.between(0, bound - 1));
  }
}

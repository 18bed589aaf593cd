package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How lists as kubectl writes them are cut into items, and which sources are not cut. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ItemSplitterTest {

  @Test
  void aYamlListIsCutIntoItemsWithTheirLinesAndTheRestKeepsItsLines() throws IOException {
    String yaml = "apiVersion: v1\nitems:\n- metadata:\n    name: a\n  # a comment\n\n"
        + "- kind: Pod\n  data: |\n    - not an item\n- x\nkind: List\nmetadata: {}\n";

    Cut cut = cut(yaml, YamlItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:3:1 - metadata:\n    name: a\n  # a comment\n\n",
        "2:7:1 - kind: Pod\n  data: |\n    - not an item\n",
        "3:10:1 - x\n");
    assertThat(cut.rest).isEqualTo("apiVersion: v1\nitems: []\nkind: List\nmetadata: {}\n");
    // "kind: List", line 3 of the rest, is line 11 of the source.
    assertThat(cut.restOrigin.line(3, 1)).isEqualTo(11);
    assertThat(cut.restOrigin.line(1, 5)).isEqualTo(1);
  }

  @Test
  void aQuotedScalarThatGoesOnLeftOfTheItemsStaysInItsItem() throws IOException {
    String yaml = "apiVersion: v1\nitems:\n- a: \"one\ntwo: \\\"\n- x\"\n  \"b\": 'it''s\n- no'\n- c\n";

    Cut cut = cut(yaml, YamlItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:3:1 - a: \"one\ntwo: \\\"\n- x\"\n  \"b\": 'it''s\n- no'\n", "2:8:1 - c\n");
  }

  @Test
  void aQuoteOpensAScalarOnlyWhereATokenStarts() throws IOException {
    // Kept: a block scalar's line, a plain scalar's next line, a plain scalar, a comment. Opened:
    // a quote after a closed flow collection, and after a closed quote.
    String yaml = "apiVersion: v1\nitems:\n- a: |\n    'block\n  b: x\n- a: b\n   'plain\n"
        + "- a: it's # it's\n- a: [1]'x\n- y'\n- \"k\" 'v\n- w'\n- z\n";

    Cut cut = cut(yaml, YamlItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:3:1 - a: |\n    'block\n  b: x\n", "2:6:1 - a: b\n   'plain\n",
        "3:8:1 - a: it's # it's\n", "4:9:1 - a: [1]'x\n- y'\n", "5:11:1 - \"k\" 'v\n- w'\n",
        "6:13:1 - z\n");
  }

  @Test
  void aLineIndentedLessThanABlockScalarsFirstEndsIt() throws IOException {
    // The block scalar's lines are indented 6, as its first says: a line indented 5 ends it, and a
    // quote there opens a scalar, which the next item's line closes.
    String yaml = "apiVersion: v1\nitems:\n- a:\n    b: |\n      one\n     ' two\n- x'\n- z\n";

    Cut cut = cut(yaml, YamlItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:3:1 - a:\n    b: |\n      one\n     ' two\n- x'\n", "2:8:1 - z\n");
  }

  @Test
  void aBlockScalarsIndentationIndicatorSetsItsLinesIndentation() throws IOException {
    // ">2" under a mapping at column 2: lines indented 4 or more are the scalar's.
    String yaml = "apiVersion: v1\nitems:\n- c: >2-\n      three\n     'four\n- y'\n- z\n";

    Cut cut = cut(yaml, YamlItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:3:1 - c: >2-\n      three\n     'four\n", "2:6:1 - y'\n", "3:7:1 - z\n");
  }

  @Test
  void indentedYamlItemsAreCutAtTheirIndentation() throws IOException {
    Cut cut = cut("items:\n  - a: 1\n    b: 2\n  - c\nkind: List\n", YamlItemSplitter::new);

    assertThat(cut.items).containsExactly("1:2:1   - a: 1\n    b: 2\n", "2:4:1   - c\n");
  }

  @Test
  void aJsonListIsCutIntoItemsWithTheirPositions() throws IOException {
    String json = "{\"apiVersion\": \"v1\", \"items\": [\n  {\"a\": \"]}\\\"\"},\n  [1, {}], 7\n],"
        + " \"kind\": \"List\"}";

    Cut cut = cut(json, JsonItemSplitter::new);

    assertThat(cut.items).containsExactly(
        "1:2:3 {\"a\": \"]}\\\"\"}", "2:3:3 [1, {}]", "3:3:12 7");
    assertThat(cut.rest).isEqualTo("{\"apiVersion\": \"v1\", \"items\": [], \"kind\": \"List\"}");
    // The "]" right after "[" in the rest stood at line 4, column 1 of the source.
    assertThat(cut.restOrigin.line(1, 32)).isEqualTo(4);
    assertThat(cut.restOrigin.column(1, 32)).isEqualTo(1);
    assertThat(cut.restOrigin.column(1, 34)).isEqualTo(3);
    assertThat(cut.restOrigin.column(1, 5)).isEqualTo(5);
  }

  @Test
  void sourcesThatDoNotStartAsKubectlWritesAListAreNotCut() throws IOException {
    assertThat(enters("apiVersion: v1\nitems: []\n", YamlItemSplitter::new)).isFalse();
    assertThat(enters("apiVersion: v1\nitems:\nkind: List\n", YamlItemSplitter::new)).isFalse();
    assertThat(enters("apiVersion: \"v1\"\nitems:\n- a\n", YamlItemSplitter::new)).isFalse();
    assertThat(enters("{\"items\": null}", JsonItemSplitter::new)).isFalse();
    assertThat(enters("{\"it\\u0065ms\": [1]}", JsonItemSplitter::new)).isFalse();
    assertThat(enters("{\"kind\": \"List\"}", JsonItemSplitter::new)).isFalse();
    assertThat(enters("{\"kind\": \"List\", \"items\": [2]}", JsonItemSplitter::new)).isFalse();
    assertThat(enters("kind: List\napiVersion: v1\nitems:\n- a\n", YamlItemSplitter::new))
        .isFalse();
    assertThat(enters("{\"apiVersion\": {\"items\": [1]}, \"items\": [2]}", JsonItemSplitter::new))
        .isFalse();
    assertThat(enters("{\"apiVersion\": \"a\\u0062\", \"items\": [2]}", JsonItemSplitter::new))
        .isFalse();
    assertThat(enters("{\"apiVersion\": \"a/b\", \"items\": [2]}", JsonItemSplitter::new)).isTrue();
  }

  private static boolean enters(
      String text, BiFunction<ByteInput, ReadLimits, ItemSplitter> splitter) throws IOException {
    ByteInput input = input(text);
    return splitter.apply(input, ReadLimits.DEFAULTS).enter();
  }

  private static Cut cut(String text, BiFunction<ByteInput, ReadLimits, ItemSplitter> make)
      throws IOException {
    ByteInput input = input(text);
    ItemSplitter splitter = make.apply(input, ReadLimits.DEFAULTS);
    assertThat(splitter.enter()).isTrue();
    Cut cut = new Cut();
    Chunk chunk;
    while ((chunk = splitter.next()) != null) {
      cut.items.add(chunk.index() + 1 + ":" + chunk.line() + ":" + chunk.origin().toColumn() + " "
          + new String(chunk.bytes(), StandardCharsets.UTF_8));
    }
    cut.rest = new String(splitter.rest().readAllBytes(), StandardCharsets.UTF_8);
    cut.restOrigin = splitter.restOrigin();
    return cut;
  }

  private static ByteInput input(String text) {
    ByteInput input = new ByteInput(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ReadLimits.DEFAULTS);
    input.record(ReadLimits.DEFAULTS.maxObjectChars());
    return input;
  }

  private static final class Cut {
    final List<String> items = new ArrayList<>();
    String rest;
    Origin restOrigin;
  }
}

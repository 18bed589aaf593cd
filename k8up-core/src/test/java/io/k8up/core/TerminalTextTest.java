package io.k8up.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void printableTextIsUnchanged() {
    assertThat(TerminalText.escape("shop/data-web-0: \"worker-1\" — ünïcödé 数据 ✓")).isEqualTo(
        "shop/data-web-0: \"worker-1\" — ünïcödé 数据 ✓");
  }

  @Test
  void lineBreaksAndTabsBecomeVisibleEscapes() {
    assertThat(TerminalText.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
  }

  @Test
  void escapeSequencesBellAndC1ControlsBecomeHexEscapes() {
    assertThat(TerminalText.escape("\u001b[31mred\u0007\u009b2J\u007f")).isEqualTo("\\x1B[31mred\\x07\\x9B2J\\x7F");
  }

  @Test
  void bidiControlsZeroWidthAndLineSeparatorsBecomeUnicodeEscapes() {
    assertThat(TerminalText.escape("a\u202Eb\u2066c\u200Bd\u2028e\uFEFF")).isEqualTo(
        "a\\u202Eb\\u2066c\\u200Bd\\u2028e\\uFEFF");
  }

  @Test
  void loneSurrogateIsEscapedAndAPairIsKept() {
    assertThat(TerminalText.escape("x\uD800y\uD83D\uDE00")).isEqualTo("x\\uD800y\uD83D\uDE00");
  }

  @Test
  void resultIsOneLine() {
    assertThat(TerminalText.escape("one\ntwo\r\nthree\u0085four\u2029five").lines()).hasSize(1);
  }
}

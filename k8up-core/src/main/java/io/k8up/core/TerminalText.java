package io.k8up.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Makes text from the cluster safe to show on a terminal: names, annotation values and the
 * sentences that quote them are written by tenants, and a terminal obeys escape sequences,
 * carriage returns and bidirectional overrides in them.
 *
 * <p>{@link #escape} keeps printable text as it is and shows every other character as a visible
 * escape, so the result is one line that draws exactly what it says. Use it wherever such text
 * meets a person (tables, logs, error messages); machine-readable forms such as JSON keep the
 * exact value.
 */
public final class TerminalText {

  private TerminalText() {}

  /**
   * {@code text} with control characters ({@code \n}, {@code \r}, {@code \t}, others as {@code
   * \xHH}), format characters such as bidirectional controls and zero-width characters, line and
   * paragraph separators and lone surrogates shown as escapes ({@code \u202E}); every other
   * character unchanged.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static String escape(String text) {
    checkNotNull(text, "text");
    if (text.codePoints().noneMatch(TerminalText::needsEscape)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(codePoint -> append(escaped, codePoint));
    return escaped.toString();
  }

  private static void append(StringBuilder escaped, int codePoint) {
    if (!needsEscape(codePoint)) {
      escaped.appendCodePoint(codePoint);
    } else if (codePoint == '\n') {
      escaped.append("\\n");
    } else if (codePoint == '\r') {
      escaped.append("\\r");
    } else if (codePoint == '\t') {
      escaped.append("\\t");
    } else if (codePoint <= 0xFF) {
      escaped.append(String.format("\\x%02X", codePoint));
    } else {
      escaped.append(String.format("\\u%04X", codePoint));
    }
  }

  private static boolean needsEscape(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
        return true;
      default:
        return false;
    }
  }
}

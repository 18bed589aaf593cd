package io.k8up.core.internal.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a tree of maps, lists and scalars as {@code kubectl get -o yaml} does: two-space
 * indentation, sequences not indented under their key, {@code - key: v} and {@code - - v} on one
 * line, plain scalars where they stay strings, single or double quotes elsewhere, long text folded
 * over lines, and {@code |} blocks for text over several lines.
 */
final class KubectlStyle {

  private KubectlStyle() {}

  static String write(Object tree) {
    StringBuilder out = new StringBuilder();
    if (isNonEmptyCollection(tree)) {
      block(out, tree, 0, false);
    } else if (tree instanceof Map || tree instanceof List) {
      out.append("root: ").append(scalar(tree, 2, false)).append('\n');
    } else {
      // A scalar root stays on one line, as a key does.
      out.append(scalar(tree, 0, true)).append('\n');
    }
    return out.toString();
  }

  // A non-empty map or list whose first line is already indented if inline.
  private static void block(StringBuilder out, Object node, int indent, boolean inline) {
    boolean first = true;
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(first && inline)) {
          out.append(" ".repeat(indent));
        }
        first = false;
        out.append(scalar(entry.getKey(), indent, true)).append(':');
        Object value = entry.getValue();
        if (isNonEmptyCollection(value)) {
          out.append('\n');
          block(out, value, value instanceof List ? indent : indent + 2, false);
        } else {
          out.append(' ').append(scalar(value, indent + 2, false)).append('\n');
        }
      }
    } else {
      for (Object item : (List<?>) node) {
        if (!(first && inline)) {
          out.append(" ".repeat(indent));
        }
        first = false;
        out.append("- ");
        if (isNonEmptyCollection(item)) {
          block(out, item, indent + 2, true);
        } else {
          out.append(scalar(item, indent + 2, false)).append('\n');
        }
      }
    }
  }

  private static boolean isNonEmptyCollection(Object node) {
    return node instanceof Map<?, ?> map && !map.isEmpty()
        || node instanceof List<?> list && !list.isEmpty();
  }

  private static String scalar(Object value, int indent, boolean key) {
    if (value instanceof Map) {
      return "{}";
    }
    if (value instanceof List) {
      return "[]";
    }
    if (!(value instanceof String text)) {
      return String.valueOf(value);
    }
    if (!key && text.contains("\n") && !text.startsWith(" ") && !text.startsWith("\n")) {
      return literal(text, indent);
    }
    String written = isPlain(text) ? text : quoted(text);
    return key ? written : fold(written, indent);
  }

  // Long text is folded over lines at a single space; here at the first, so that short text is
  // folded too.
  private static String fold(String written, int indent) {
    for (int i = 1; i + 1 < written.length(); i++) {
      if (written.charAt(i) == ' ' && written.charAt(i - 1) != ' ' && written.charAt(i + 1) != ' '
          && written.charAt(i - 1) != '\\') {
        return written.substring(0, i) + "\n" + " ".repeat(indent) + written.substring(i + 1);
      }
    }
    return written;
  }

  private static String literal(String text, int indent) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String header = !text.endsWith("\n") ? "|-" : body.endsWith("\n") ? "|+" : "|";
    StringBuilder out = new StringBuilder(header);
    for (String line : body.split("\n", -1)) {
      out.append('\n');
      if (!line.isEmpty()) {
        out.append(" ".repeat(indent)).append(line);
      }
    }
    // The caller ends the last line.
    return out.toString();
  }

  private static boolean isPlain(String text) {
    if (text.isEmpty() || !Character.isLetterOrDigit(text.charAt(0)) || text.endsWith(" ")
        || text.endsWith(":") || text.contains(": ") || text.contains(" #")) {
      return false;
    }
    for (char c : text.toCharArray()) {
      if (!(Character.isLetterOrDigit(c) || " ./_@-:#".indexOf(c) >= 0)) {
        return false;
      }
    }
    var resolved = YamlScalars.resolve(text, true, Optional.empty());
    return resolved.isJsonPrimitive() && resolved.getAsJsonPrimitive().isString();
  }

  private static String quoted(String text) {
    if (text.chars().allMatch(c -> c >= ' ' && c != '\\' && c != '"')) {
      return "'" + text.replace("'", "''") + "'";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

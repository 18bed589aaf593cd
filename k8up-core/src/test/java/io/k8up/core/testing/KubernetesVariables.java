package io.k8up.core.testing;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion, as the kubelet applies it to environment values, commands
 * and arguments: {@code $(NAME)} becomes the variable's value, {@code $$} a single {@code $}, and
 * a reference to an unknown variable, or one never closed, stays as written.
 */
final class KubernetesVariables {

  private KubernetesVariables() {}

  /** {@code input} with the references to {@code variables} replaced. */
  static String expand(String input, Map<String, String> variables) {
    StringBuilder expanded = new StringBuilder();
    int cursor = 0;
    while (cursor < input.length()) {
      char current = input.charAt(cursor);
      if (current != '$' || cursor + 1 == input.length()) {
        expanded.append(current);
        cursor++;
        continue;
      }
      char next = input.charAt(cursor + 1);
      int close = next == '(' ? input.indexOf(')', cursor + 2) : -1;
      if (next == '$') {
        expanded.append('$');
        cursor += 2;
      } else if (close >= 0) {
        String name = input.substring(cursor + 2, close);
        String value = variables.get(name);
        expanded.append(value != null ? value : "$(" + name + ")");
        cursor = close + 1;
      } else {
        // Not a reference: "$x", or "$(" never closed; the kubelet keeps both characters.
        expanded.append(current).append(next);
        cursor += 2;
      }
    }
    return expanded.toString();
  }
}

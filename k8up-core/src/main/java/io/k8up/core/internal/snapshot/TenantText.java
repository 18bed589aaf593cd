package io.k8up.core.internal.snapshot;

/**
 * Text written by a namespace's owner (names, keys), made safe to show in a message: control and
 * formatting characters are escaped, so a name cannot rewrite a terminal line, and long text is
 * cut. Every message of a file read shows such text through here.
 */
public final class TenantText {

  private static final int MAX_LENGTH = 253;

  private TenantText() {}

  /** {@code text} as a message shows it. */
  public static String shown(String text) {
    StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
    for (int i = 0; i < text.length(); i++) {
      if (shown.length() >= MAX_LENGTH) {
        return shown.append('…').toString();
      }
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }
}

package io.k8up.core.internal.snapshot;

/**
 * Follows, line by line, the YAML values that a line can leave open, as snakeyaml-engine's scanner
 * reads them, so that {@link YamlItemSplitter} never cuts inside one: a quoted scalar or a flow
 * collection goes on over any lines, at any indentation, until it is closed; a block scalar's
 * content and a plain scalar's continuation go on over the lines indented more than the block node
 * they belong to. A quote opens a scalar only where a token starts (after indentation, {@code - },
 * {@code : }, a flow indicator, a closed quote or collection), never inside a plain scalar.
 *
 * <p>It only follows the bytes and never reports: where the text is malformed, what it makes of
 * the line matters only for where the malformed item ends, and the parser words the problem.
 */
final class YamlValueFollower {

  private static final int NONE = -1;

  private final ByteInput input;
  // Open across lines: the quote of a quoted scalar, the depth of flow collections, whether a
  // plain scalar inside them goes on.
  private int quote;
  private int flow;
  private boolean plain;
  // Lines indented more than this column go on a block scalar, or a plain scalar, of a line before.
  private int parent = NONE;
  private boolean blockScalar;
  // A block scalar's lines are indented at least this much, as its indicator or its first line
  // (or a blank line before that, with more spaces) says; NONE before either. A line indented
  // less, though more than the parent, ends the block scalar and starts tokens of its own.
  private int blockIndentation = NONE;
  private int blankIndentation;
  // The recorded bytes, read directly: every line of a YAML dump goes through here.
  private byte[] bytes;

  YamlValueFollower(ByteInput input) {
    this.input = input;
  }

  /** Forgets every value left open: a new item starts. */
  void reset() {
    quote = 0;
    flow = 0;
    plain = false;
    parent = NONE;
  }

  /**
   * Reads the recorded line from {@code start} to {@code end}: true if it leaves a quoted scalar
   * or a flow collection open, so that the next line belongs to it whatever its indentation.
   */
  boolean leavesOpen(int start, int end) {
    bytes = input.recordedArray();
    int at = start;
    int indentation = 0;
    if (quote == 0 && flow == 0) {
      while (at < end && byteAt(at) == ' ') {
        at++;
      }
      indentation = at - start;
      if (parent != NONE) {
        if (blank(at, end)) {
          blankIndentation = Math.max(blankIndentation, indentation);
          return false;
        }
        if (blockScalar && blockIndentation == NONE && indentation > parent) {
          blockIndentation = Math.max(indentation, blankIndentation);
        }
        if (blockScalar && blockIndentation != NONE && indentation >= blockIndentation) {
          return false;
        }
        if (!blockScalar && indentation > parent && byteAt(at) != '#') {
          plain = true;
        } else {
          parent = NONE;
        }
      }
    }
    // The block node that a value on this line belongs to: a key's column, or a "- "'s.
    int node = indentation;
    int token = indentation;
    while (at < end) {
      int b = byteAt(at);
      if (quote != 0) {
        at = quoteEnd(at, end, quote);
        if (at >= end) {
          return true;
        }
        quote = 0;
        at++;
      } else if (b == '\n' || b == '\r') {
        break;
      } else if (plain && flow == 0) {
        at = blockPlainEnd(at, end);
        if (at == end || byteAt(at) != ':') {
          // The line's end, or a comment.
          break;
        }
        plain = false;
        node = token;
        at++;
      } else if (plain) {
        if (b == ':' && valueIndicator(at + 1, end)) {
          plain = false;
          node = token;
          at++;
        } else if (b == ' ' || b == '\t') {
          at++;
          if (at < end && byteAt(at) == '#') {
            plain = false;
            parent = NONE;
            break;
          }
        } else if (flow > 0 && ",?[]{}".indexOf(b) >= 0) {
          plain = false;
        } else {
          at++;
        }
      } else if (b == ' ' || b == '\t') {
        at++;
      } else if (b == '#') {
        break;
      } else if (b == '\'' || b == '"') {
        token = column(start, at);
        quote = b;
        at++;
      } else if (b == '[' || b == '{') {
        token = column(start, at);
        flow++;
        at++;
      } else if (b == ']' || b == '}') {
        flow = Math.max(0, flow - 1);
        at++;
      } else if (b == ',') {
        at++;
      } else if ((b == '-' || b == '?') && blankOrEnd(at + 1, end)) {
        node = column(start, at);
        token = node + 2;
        at++;
      } else if (b == ':' && (flow > 0 || blankOrEnd(at + 1, end))) {
        node = token;
        at++;
      } else if (b == '&' || b == '*' || b == '!') {
        while (at < end && !blankOrEnd(at, end)
            && (flow == 0 || ",[]{}".indexOf(byteAt(at)) < 0)) {
          at++;
        }
      } else if ((b == '|' || b == '>') && flow == 0) {
        parent = node;
        blockScalar = true;
        blockIndentation = explicitIndentation(at + 1, end, node);
        blankIndentation = 0;
        return false;
      } else {
        token = column(start, at);
        plain = true;
        at++;
      }
    }
    if (quote != 0 || flow > 0) {
      return true;
    }
    if (plain && at < end && byteAt(at) == '#') {
      // A comment ends a plain scalar: the next line starts afresh.
      plain = false;
      parent = NONE;
    }
    if (plain) {
      plain = false;
      parent = node;
      blockScalar = false;
    }
    return false;
  }

  // The indentation a block scalar's indicator gives, e.g. 2 in "|2-", from the parent node's;
  // NONE if it gives none.
  private int explicitIndentation(int at, int end, int node) {
    for (; at < end && !blankOrEnd(at, end); at++) {
      int b = byteAt(at);
      if (b >= '1' && b <= '9') {
        return node + b - '0';
      }
    }
    return NONE;
  }

  // Where a plain scalar outside flow collections ends: at ':' before a blank (a value follows),
  // at '#' after one (a comment), or at the line's end. Most of a YAML dump's bytes pass here.
  private int blockPlainEnd(int at, int end) {
    byte[] line = bytes;
    for (; at < end; at++) {
      byte b = line[at];
      if ((b == ':' && blankOrEnd(at + 1, end))
          || (b == '#' && (line[at - 1] == ' ' || line[at - 1] == '\t'))
          || b == '\n' || b == '\r') {
        return b == '\n' || b == '\r' ? end : at;
      }
    }
    return end;
  }

  // Whether ':' before {@code at} is a value indicator inside a plain scalar: followed by a blank,
  // or in a flow collection by a flow indicator.
  private boolean valueIndicator(int at, int end) {
    return blankOrEnd(at, end) || (flow > 0 && ",[]{}".indexOf(byteAt(at)) >= 0);
  }

  private boolean blankOrEnd(int at, int end) {
    if (at >= end) {
      return true;
    }
    int b = byteAt(at);
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private boolean blank(int at, int end) {
    return at >= end || byteAt(at) == '\n' || byteAt(at) == '\r';
  }

  private static int column(int start, int at) {
    return at - start;
  }

  // The position of the quote that closes a scalar, or end if the line does not close it.
  private int quoteEnd(int start, int end, int quote) {
    int at = start;
    while (at < end) {
      int b = byteAt(at);
      if (quote == '"' && b == '\\') {
        at += 2;
      } else if (b == quote && quote == '\'' && at + 1 < end && byteAt(at + 1) == '\'') {
        at += 2;
      } else if (b == quote) {
        return at;
      } else {
        at++;
      }
    }
    return end;
  }

  private int byteAt(int index) {
    return bytes[index] & 0xff;
  }
}

package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The tokens of a tree already built, for the objects that had to wait as trees (items of a typed
 * list that omit their kind, objects whose kind comes after their other fields): they are then
 * converted by the same {@link FieldReader} as streamed objects, with the same checks.
 */
final class TreeTokens implements ValueTokens {

  private record Frame(Iterator<?> members, boolean map) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  private JsonElement value;
  private String key;

  TreeTokens(JsonElement root) {
    this.value = root;
  }

  @Override
  public Token peek() {
    while (true) {
      if (key != null) {
        return Token.KEY;
      }
      if (value != null) {
        return value.isJsonObject() ? Token.BEGIN_MAP
            : value.isJsonArray() ? Token.BEGIN_LIST : Token.SCALAR;
      }
      Frame top = frames.peek();
      if (top == null) {
        return Token.END_DOCUMENT;
      }
      if (!top.members().hasNext()) {
        return top.map() ? Token.END_MAP : Token.END_LIST;
      }
      Object next = top.members().next();
      if (next instanceof Map.Entry<?, ?> member) {
        key = (String) member.getKey();
        value = (JsonElement) member.getValue();
      } else {
        value = (JsonElement) next;
      }
    }
  }

  @Override
  public void consume() {
    switch (peek()) {
      case BEGIN_MAP -> frames.push(new Frame(value.getAsJsonObject().entrySet().iterator(), true));
      case BEGIN_LIST -> frames.push(new Frame(value.getAsJsonArray().iterator(), false));
      case END_MAP, END_LIST -> frames.pop();
      default -> throw new IllegalStateException("not a structural token: " + peek());
    }
    value = null;
  }

  @Override
  public String nextKey() {
    if (peek() != Token.KEY) {
      throw new IllegalStateException("not a key: " + peek());
    }
    String next = key;
    key = null;
    return next;
  }

  @Override
  public JsonElement nextScalar() {
    if (peek() != Token.SCALAR) {
      throw new IllegalStateException("not a scalar: " + peek());
    }
    JsonElement next = value;
    value = null;
    return next;
  }

  @Override
  public void skipScalar() {
    nextScalar();
  }
}

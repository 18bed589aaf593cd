package io.k8up.core.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JSON tree of one object from {@link Tokens}, within {@link
 * ReadLimits#maxObjectValues()}, and notes the first duplicate key with its path: the API server
 * refuses an object that holds a key twice, where a tree would silently keep one.
 */
final class TreeBuilder {

  private final Tokens tokens;
  private final LimitedReader input;
  private final int maxValues;
  private final List<String> path = new ArrayList<>();
  private int values;
  private String problem;

  TreeBuilder(Tokens tokens, LimitedReader input, ReadLimits limits) {
    this.tokens = tokens;
    this.input = input;
    this.maxValues = limits.maxObjectValues();
  }

  /** Starts a new object: its count of values and its problem start afresh. */
  void startObject() {
    values = 0;
    problem = null;
    path.clear();
  }

  /** How many values the current object holds so far. */
  int values() {
    return values;
  }

  /** The first problem found in the current object, e.g. a duplicate key; null if none. */
  String problem() {
    return problem;
  }

  /** Reads the value of {@code key} and adds it to {@code object}, unless the key is there. */
  void addMember(JsonObject object, String key) throws IOException {
    path.add(key);
    JsonElement value = value();
    if (object.has(key)) {
      duplicate();
    } else {
      object.add(key, value);
    }
    path.remove(path.size() - 1);
  }

  /** Reads the next value. */
  JsonElement value() throws IOException {
    countValue();
    return switch (tokens.peek()) {
      case BEGIN_MAP -> mapping();
      case BEGIN_LIST -> list();
      default -> tokens.nextScalar();
    };
  }

  /** Counts a value of the current object read without this builder, as {@link #value} counts one. */
  void countValue() throws InputException {
    if (++values > maxValues) {
      throw ExceededLimit.values(maxValues, input.line());
    }
  }

  private JsonObject mapping() throws IOException {
    tokens.consume();
    JsonObject object = new JsonObject();
    while (tokens.peek() != Tokens.Token.END_MAP) {
      addMember(object, tokens.nextKey());
    }
    tokens.consume();
    return object;
  }

  private JsonArray list() throws IOException {
    tokens.consume();
    JsonArray array = new JsonArray();
    while (tokens.peek() != Tokens.Token.END_LIST) {
      path.add("[" + array.size() + "]");
      array.add(value());
      path.remove(path.size() - 1);
    }
    tokens.consume();
    return array;
  }

  private void duplicate() {
    if (problem == null) {
      problem = FieldPath.of(path) + ": the key appears twice in its mapping; keep one";
    }
  }

  /** Skips the next value without building it, still within the limits the tokens check. */
  void skip() throws IOException {
    int depth = 0;
    do {
      switch (tokens.peek()) {
        case BEGIN_MAP, BEGIN_LIST -> {
          tokens.consume();
          depth++;
        }
        case END_MAP, END_LIST -> {
          tokens.consume();
          depth--;
        }
        case KEY -> tokens.nextKey();
        default -> tokens.skipScalar();
      }
    } while (depth > 0);
  }
}

package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Every token of a source written down, so that two tokenizers' readings compare as lists. */
final class TokenTranscript {

  private TokenTranscript() {}

  /** The tokens of every document, each document's preceded by {@code document N}, then {@code end}. */
  static List<String> of(Tokens tokens) throws IOException {
    List<String> all = new ArrayList<>();
    while (tokens.nextDocument()) {
      all.add("document " + tokens.document());
      for (ValueTokens.Token token = tokens.peek(); token != ValueTokens.Token.END_DOCUMENT;
          token = tokens.peek()) {
        switch (token) {
          case KEY -> all.add("key " + tokens.nextKey());
          case SCALAR -> all.add("scalar " + describe(tokens.nextScalar()));
          default -> {
            tokens.consume();
            all.add(token.name());
          }
        }
      }
    }
    all.add("end");
    return all;
  }

  /** A scalar with its type: {@code null}, {@code boolean true}, {@code BoundedNumber 5}, … */
  static String describe(JsonElement scalar) {
    if (scalar.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = scalar.getAsJsonPrimitive();
    if (primitive.isNumber()) {
      return primitive.getAsNumber().getClass().getSimpleName() + " " + primitive.getAsNumber();
    }
    return (primitive.isBoolean() ? "boolean " : "string ") + primitive.getAsString();
  }
}

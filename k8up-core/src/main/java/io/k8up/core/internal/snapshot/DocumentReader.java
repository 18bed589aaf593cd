package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Splits a YAML or JSON source into documents for a {@link SnapshotAssembler}. JSON is recognised
 * by its first character, <code>{</code>; anything else is read as YAML, one document per {@code
 * ---}.
 */
public final class DocumentReader {

  private static final Pattern GSON_LOCATION =
      Pattern.compile("(?:[\\w.]+: )?(.*?) at line (\\d+) column (\\d+)");

  private DocumentReader() {}

  /**
   * Adds every document of {@code reader} to {@code assembler}; syntax errors become problems.
   *
   * @throws IOException if {@code reader} fails
   */
  public static void read(Reader reader, SnapshotAssembler assembler) throws IOException {
    PushbackReader input = new PushbackReader(reader, 1);
    int first = firstSignificantChar(input);
    if (first == -1) {
      return;
    }
    input.unread(first);
    if (first == '{') {
      readJson(input, assembler);
    } else {
      readYaml(input, assembler);
    }
  }

  // Skips whitespace and a byte order mark, which neither parser needs to see.
  private static int firstSignificantChar(Reader reader) throws IOException {
    int c = reader.read();
    while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF')) {
      c = reader.read();
    }
    return c;
  }

  private static void readYaml(Reader reader, SnapshotAssembler assembler) throws IOException {
    int number = 0;
    try {
      Iterator<Object> documents = SafeYaml.newLoader().loadAll(reader).iterator();
      while (!assembler.isFull() && documents.hasNext()) {
        number++;
        assembler.addDocument(number, JsonTrees.fromYaml(documents.next()));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      assembler.addProblem(String.format("malformed YAML at line %d, column %d: %s%s",
          mark.getLine() + 1, mark.getColumn() + 1, e.getProblem(),
          e.getContext() == null ? "" : " (" + e.getContext() + ")"));
    } catch (YAMLException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      assembler.addProblem("document " + Math.max(number, 1) + " cannot be read as YAML: "
          + e.getMessage());
    }
  }

  private static void readJson(Reader reader, SnapshotAssembler assembler) throws IOException {
    JsonReader json = new JsonReader(reader);
    json.setStrictness(Strictness.STRICT);
    try {
      JsonElement document = JsonParser.parseReader(json);
      if (json.peek() != JsonToken.END_DOCUMENT) {
        assembler.addProblem("malformed JSON: the file holds more than one JSON value;"
            + " put the objects in the items of a List");
        return;
      }
      assembler.addDocument(1, document);
    } catch (JsonIOException e) {
      throw (IOException) e.getCause();
    } catch (JsonSyntaxException | MalformedJsonException | EOFException e) {
      assembler.addProblem("malformed JSON " + describeJsonError(e.getMessage()));
    }
  }

  // Gson says "Expected ':' at line 1 column 7 path $.a", plus a troubleshooting link.
  private static String describeJsonError(String message) {
    Matcher matcher = GSON_LOCATION.matcher(message == null ? "" : message);
    if (!matcher.find()) {
      return "(not valid JSON)";
    }
    String reason = matcher.group(1);
    if (reason.startsWith("Use JsonReader")) {
      reason = "not valid JSON here";
    } else if (reason.startsWith("End of input")) {
      reason = "the file ends before the JSON value does";
    }
    return "at line " + matcher.group(2) + ", column " + matcher.group(3) + ": " + reason;
  }
}

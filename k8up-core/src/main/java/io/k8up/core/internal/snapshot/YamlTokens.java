package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@link Tokens} of a YAML stream, read with snakeyaml-engine's event parser: no Java object is
 * ever built from a tag, and aliases are refused (Kubernetes objects need none).
 */
final class YamlTokens implements Tokens {

  /**
   * The parser's read buffer. snakeyaml-engine copies its unread window once per buffer it reads,
   * so a scalar costs (its length / this size) copies of itself: with scalars bounded by {@link
   * ReadLimits#maxTokenChars()}, a large buffer keeps that a small multiple of the scalar.
   */
  static final int BUFFER_CHARS = 256 * 1024;

  private final Iterator<Event> events;
  private final LimitedReader input;
  private final int maxDepth;
  private final Origin origin;
  private static final byte SEQUENCE = 0;
  private static final byte MAPPING_KEY = 1;
  private static final byte MAPPING_VALUE = 2;

  // What each open collection expects next, innermost last.
  private final byte[] open;
  private int depth;
  private Event next;
  private int document;

  YamlTokens(Reader source, LimitedReader input, ReadLimits limits) {
    this(source, input, limits, Origin.START, 0);
  }

  /**
   * Tokens of a text that starts at {@code origin} in its source, {@code depth} levels deep in it,
   * e.g. an item of a list read on its own (as a list of one item).
   */
  YamlTokens(Reader source, LimitedReader input, ReadLimits limits, Origin origin, int depth) {
    this.input = input;
    this.origin = origin;
    this.maxDepth = limits.maxDepth();
    this.open = new byte[maxDepth];
    // The levels above the text hold values, so none of them expects a key.
    Arrays.fill(open, 0, depth, SEQUENCE);
    this.depth = depth;
    LoadSettings settings = LoadSettings.builder()
        .setBufferSize(BUFFER_CHARS)
        .setCodePointLimit(Integer.MAX_VALUE)
        .setUseMarks(true)
        .build();
    this.events = new Parse(settings).parseReader(source).iterator();
  }

  @Override
  public boolean nextDocument() throws IOException {
    while (true) {
      switch (peekEvent().getEventId()) {
        case StreamStart, DocumentEnd -> take();
        case DocumentStart -> {
          take();
          document++;
          return true;
        }
        case StreamEnd -> {
          return false;
        }
        default -> throw new IllegalStateException("unexpected " + next.getEventId());
      }
    }
  }

  @Override
  public int document() {
    return Math.max(document, 1);
  }

  @Override
  public Token peek() throws IOException {
    Event event = peekEvent();
    boolean key = depth > 0 && open[depth - 1] == MAPPING_KEY;
    if (event instanceof CollectionStartEvent start) {
      checkCollectionTag(start);
    }
    Token token = switch (event.getEventId()) {
      case MappingStart -> Token.BEGIN_MAP;
      case MappingEnd -> Token.END_MAP;
      case SequenceStart -> Token.BEGIN_LIST;
      case SequenceEnd -> Token.END_LIST;
      case Scalar -> key ? Token.KEY : Token.SCALAR;
      case Alias -> throw new InputException("document " + document() + " cannot be read as YAML: "
          + at(event) + "it uses an alias (*); Kubernetes objects need none");
      default -> Token.END_DOCUMENT;
    };
    if (key && (token == Token.BEGIN_MAP || token == Token.BEGIN_LIST)) {
      throw new InputException("malformed YAML " + at(event) + "a key that is a mapping or a list;"
          + " Kubernetes keys are strings");
    }
    return token;
  }

  @Override
  public void consume() throws IOException {
    Event event = take();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        valueDone();
        if (depth >= maxDepth) {
          throw new InputException("nests mappings and lists deeper than " + maxDepth
              + " levels, by line " + input.line());
        }
        open[depth++] = event.getEventId() == Event.ID.MappingStart ? MAPPING_KEY : SEQUENCE;
      }
      case MappingEnd, SequenceEnd -> depth--;
      default -> throw new IllegalStateException("not a structural event: " + event.getEventId());
    }
  }

  private void checkCollectionTag(CollectionStartEvent event) throws InputException {
    Optional<String> tag = event.getTag();
    if (tag.isPresent() && !tag.get().equals("tag:yaml.org,2002:map")
        && !tag.get().equals("tag:yaml.org,2002:seq")) {
      throw new InputException("malformed YAML " + at(event)
          + "a tag other than !!map or !!seq on a collection");
    }
  }

  // A node that starts or is a mapping's value makes the mapping's next node a key again.
  private void valueDone() {
    if (depth > 0 && open[depth - 1] == MAPPING_VALUE) {
      open[depth - 1] = MAPPING_KEY;
    }
  }

  @Override
  public String nextKey() throws IOException {
    ScalarEvent event = (ScalarEvent) take();
    open[depth - 1] = MAPPING_VALUE;
    return event.getValue();
  }

  @Override
  public JsonElement nextScalar() throws IOException {
    ScalarEvent event = (ScalarEvent) take();
    valueDone();
    try {
      return YamlScalars.resolve(event.getValue(), event.isPlain(), event.getTag());
    } catch (IllegalArgumentException e) {
      throw new InputException("malformed YAML " + at(event) + e.getMessage());
    }
  }

  @Override
  public void skipScalar() throws IOException {
    take();
    valueDone();
  }

  private Event peekEvent() throws IOException {
    if (next == null) {
      try {
        next = events.next();
      } catch (MarkedYamlEngineException e) {
        throw new InputException("malformed YAML " + e.getProblemMark().map(this::at).orElse("")
            + e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
      } catch (YamlEngineException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new InputException("document " + document() + " cannot be read as YAML: "
            + e.getMessage());
      }
      input.tokenSeen();
    }
    return next;
  }

  private Event take() throws IOException {
    Event event = peekEvent();
    next = null;
    return event;
  }

  private String at(Event event) {
    return event.getStartMark().map(this::at).orElse("");
  }

  private String at(Mark mark) {
    long line = mark.getLine() + 1;
    long column = mark.getColumn() + 1;
    return "at line " + origin.line(line, column) + ", column " + origin.column(line, column) + ": ";
  }
}

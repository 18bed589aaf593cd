package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a source whose first document is a list as kubectl writes it with the list's items read
 * on several threads: this thread cuts the items out of the bytes ({@link ItemSplitter}), others
 * parse them and read them into the model ({@link ItemReader}), and this thread adds what they
 * read to the assembler in the list's order. The rest of the source, with the list left empty, is
 * then read as any source is ({@link DocumentReader}), and the items that wait for the list's kind
 * are added when it is known. A source that starts otherwise is read in this thread alone.
 *
 * <p>Memory stays bounded: items are handed over in batches, and at most a few batches are
 * read ahead of the one being added.
 */
final class ParallelListReader {

  /** Items are handed to a thread in batches of about this many bytes, or this many items. */
  static final int BATCH_BYTES = 1 << 18;

  static final int BATCH_ITEMS = 1024;

  // How much of a source's start is looked at for a list to cut: kubectl writes one line or two.
  private static final int HEAD_CHARS = 1 << 16;
  // The list cut is always the source's first document.
  private static final Location FIRST_DOCUMENT = Location.document(1);

  private final ReadLimits limits;
  private final SnapshotAssembler assembler;
  private final int threads;
  private final int batchBytes;
  private final Map<String, String> shared = new ConcurrentHashMap<>();
  // The limits of a list of items read as a document of its own, one level less deep.
  private final ReadLimits oneLevelDown;

  ParallelListReader(ReadLimits limits, SnapshotAssembler assembler, int threads) {
    this(limits, assembler, threads, BATCH_BYTES);
  }

  /** A reader that hands over batches of about {@code batchBytes}, e.g. a few items in a test. */
  ParallelListReader(ReadLimits limits, SnapshotAssembler assembler, int threads, int batchBytes) {
    this.limits = limits;
    this.assembler = assembler;
    this.threads = threads;
    this.batchBytes = batchBytes;
    this.oneLevelDown = limits.withMaxDepth(Math.max(limits.maxDepth() - 1, 1));
  }

  void read(InputStream source) throws IOException {
    ByteInput input = new ByteInput(source, limits);
    input.record(limits.maxObjectChars());
    input.lookAhead(HEAD_CHARS);
    int first;
    while ((first = input.peek()) == ' ' || first == '\n' || first == '\r' || first == '\t') {
      input.skip();
    }
    ItemSplitter splitter = first == '{'
        ? new JsonItemSplitter(input, limits)
        : new YamlItemSplitter(input, limits);
    boolean cut = first != -1 && (first == '{' || input.column() == 1) && splitter.enter();
    input.readOn();
    if (!cut) {
      InputStream whole = new SequenceInputStream(
          new ByteArrayInputStream(input.recorded()), input.rest());
      DocumentReader.read(
          DocumentReader.utf8(whole), Origin.START, limits, assembler, null, shared);
      return;
    }
    ReadAhead readAhead = readItems(splitter);
    if (readAhead == null) {
      return;
    }
    // The rest is counted again from its start; the items cut out of it were counted here.
    long restLimit = limits.maxChars() - input.chars() + splitter.restCharsReadAlready();
    ReadLimits restLimits = limits.withMaxChars(Math.max(restLimit, 1));
    DocumentReader.read(DocumentReader.utf8(splitter.rest()), splitter.restOrigin(), restLimits,
        assembler, readAhead, shared);
  }

  // Reads the items and adds them in order; null if the read ended (the assembler is full).
  private ReadAhead readItems(ItemSplitter splitter) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "k8up-rwo-read");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Deque<Batch> reading = new ArrayDeque<>();
      Map<Location, JsonObject> waiting = new LinkedHashMap<>();
      List<Chunk> batch = new ArrayList<>();
      int bytes = 0;
      int objects = 0;
      InputException cutShort = null;
      while (true) {
        Chunk chunk;
        try {
          chunk = splitter.next();
        } catch (InputException e) {
          // What was cut before is added first: it may end the read earlier in the source.
          cutShort = e;
          break;
        }
        if (chunk == null) {
          break;
        }
        if (++objects > limits.maxObjects()) {
          throw ExceededLimit.objects(limits, chunk.line());
        }
        batch.add(chunk);
        bytes += chunk.bytes().length;
        if (bytes >= batchBytes || batch.size() >= BATCH_ITEMS) {
          reading.add(submit(pool, batch, splitter.json()));
          batch = new ArrayList<>();
          bytes = 0;
        }
        // Added as soon as read, and never more than a few batches ahead.
        while (!reading.isEmpty() && (reading.size() > 2 * threads || reading.peek().read.isDone())) {
          if (!add(reading.poll(), waiting)) {
            return null;
          }
        }
      }
      if (!batch.isEmpty()) {
        reading.add(submit(pool, batch, splitter.json()));
      }
      while (!reading.isEmpty()) {
        if (!add(reading.poll(), waiting)) {
          return null;
        }
      }
      if (cutShort != null) {
        throw cutShort;
      }
      return new ReadAhead(objects, waiting);
    } finally {
      pool.shutdownNow();
    }
  }

  private Batch submit(ExecutorService pool, List<Chunk> chunks, boolean json) {
    return new Batch(chunks, pool.submit(() -> {
      try {
        return readTogether(chunks, json);
      } catch (InputException e) {
        return readApart(chunks, json);
      }
    }));
  }

  // The items of a batch as one list, which one parser reads: fast, but a syntax error or an
  // exceeded limit would be reported where it is in that list, not in the source.
  private List<ItemRead> readTogether(List<Chunk> chunks, boolean json) throws IOException {
    int length = chunks.size() + 1;
    for (Chunk chunk : chunks) {
      length += chunk.bytes().length;
    }
    ByteBuffer joined = ByteBuffer.allocate(length);
    if (json) {
      joined.put((byte) '[');
    }
    for (int i = 0; i < chunks.size(); i++) {
      if (json && i > 0) {
        joined.put((byte) ',');
      }
      joined.put(chunks.get(i).bytes());
    }
    if (json) {
      joined.put((byte) ']');
    }
    joined.flip();
    // Read from the bytes when they are plain JSON, as the YAML below is read when it is block
    // YAML. Their LimitedReader is told of no text: ByteJsonTokens checks the limits on characters
    // itself, and a problem worded with a line of the list is worded again by readApart.
    if (json) {
      try {
        return readItems(new ByteJsonTokens(joined.array(), 0, joined.limit(), limits, 1), chunks,
            new LimitedReader(Reader.nullReader(), limits, 0));
      } catch (Declined e) {
        // Decoded and read again by Gson.
      }
    }
    CharBuffer chars = decode(joined);
    // The list is the document's items, one level deep in it. Its decoded characters are read in
    // place: a string of them, and a copy of that, cost as much as reading them.
    if (!json) {
      try {
        return readItems(new BlockYamlTokens(chars.array(), chars.limit(), oneLevelDown), chunks,
            new LimitedReader(Reader.nullReader(), limits, 0));
      } catch (Declined e) {
        // Read again by the parser that reads any YAML.
      }
    }
    String text = chars.toString();
    LimitedReader limited =
        new LimitedReader(new StringReader(text), limits, YamlTokens.BUFFER_CHARS, Origin.START);
    return readItems(json
        ? new JsonTokens(limited, limited, limits, Origin.START, 1)
        : new YamlTokens(limited, limited, limits, Origin.START, 1), chunks, limited);
  }

  private List<ItemRead> readItems(Tokens tokens, List<Chunk> chunks, LimitedReader limited)
      throws IOException {
    tokens.nextDocument();
    tokens.consume();
    ItemReader reader = new ItemReader(tokens, limited, limits, shared);
    List<ItemRead> reads = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      reads.add(reader.read());
    }
    if (tokens.peek() != Tokens.Token.END_LIST) {
      throw new IllegalStateException("items cut from a list hold more items than were cut");
    }
    return reads;
  }

  // Each item on its own, where it stood in the source, so that a message names its place.
  private List<ItemRead> readApart(List<Chunk> chunks, boolean json) throws IOException {
    List<ItemRead> reads = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      ItemRead read = read(chunk, json);
      reads.add(read);
      if (read instanceof ItemRead.Failed) {
        break;
      }
    }
    return reads;
  }

  private static Location location(Chunk chunk) {
    return FIRST_DOCUMENT.item(chunk.index());
  }

  private static CharBuffer decode(ByteBuffer bytes) throws IOException {
    return StandardCharsets.UTF_8.newDecoder().decode(bytes);
  }

  // False once the assembler is full.
  private boolean add(Batch batch, Map<Location, JsonObject> waiting) throws IOException {
    List<ItemRead> reads;
    try {
      reads = batch.read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    // The list's kind comes after its items, so none is known here.
    JsonObject list = new JsonObject();
    for (int i = 0; i < reads.size(); i++) {
      Location location = location(batch.chunks.get(i));
      ItemRead read = reads.get(i);
      if (!assembler.addRead(location, read, list)) {
        waiting.put(location, ((ItemRead.Tree) read).item());
      }
      if (assembler.isFull()) {
        return false;
      }
    }
    return true;
  }

  // Reads one item on its own, where it stood in the source.
  private ItemRead read(Chunk chunk, boolean json) throws IOException {
    String text = decode(ByteBuffer.wrap(chunk.bytes())).toString();
    LimitedReader limited =
        new LimitedReader(new StringReader(text), limits, YamlTokens.BUFFER_CHARS, chunk.origin());
    try {
      if (json) {
        // The item is two levels deep: in the list, in the document.
        Tokens tokens = new JsonTokens(limited, limited, limits, chunk.origin(), 2);
        tokens.nextDocument();
        return new ItemReader(tokens, limited, limits, shared).read();
      }
      // The text is "- item": a list of one item, one level deep in the document.
      Tokens tokens = new YamlTokens(limited, limited, limits, chunk.origin(), 1);
      tokens.nextDocument();
      tokens.consume();
      ItemRead read = new ItemReader(tokens, limited, limits, shared).read();
      if (tokens.peek() != Tokens.Token.END_LIST) {
        throw new IllegalStateException("an item cut from a YAML list holds more than one item");
      }
      return read;
    } catch (InputException e) {
      return new ItemRead.Failed(e.getMessage());
    }
  }

  private record Batch(List<Chunk> chunks, Future<List<ItemRead>> read) {}
}

package io.k8up.core.plan;

import com.google.common.collect.Lists;
import com.google.common.io.CharStreams;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Writes a plan of many decisions as {@link PlanJson} writes it one decision after another,
 * character for character, but with its decisions rendered to text in chunks on the common
 * fork-join pool and the calling thread while earlier chunks are written.
 *
 * <p>Every piece of text is Gson's: a chunk is rendered by its own writer inside an array at the
 * depth of the plan's decisions, so it is indented as there, and starts with the line break and
 * indent that come before an array's first element; chunks are joined with the comma between
 * elements; and what comes before and after the decisions is the plan rendered around one
 * placeholder decision.
 */
final class DecisionChunks {

  /**
   * The most chunks rendered ahead of the one being written: enough to keep a few threads busy,
   * and few enough that the text waiting stays a few megabytes, whatever the plan's size.
   */
  private static final int AHEAD = 8;

  /** The room a chunk's text is first given per decision: decisions take about 400 characters. */
  private static final int CHARS_PER_DECISION = 512;

  /** The characters copied from a chunk to the writer at a time. */
  private static final int SLICE = 8192;

  private final List<List<Decision>> chunks;
  /** Text buffers written out, for later chunks to render into: a plan allocates AHEAD or so. */
  private final Queue<StringBuilder> spare = new ArrayBlockingQueue<>(AHEAD + 1);

  private DecisionChunks(List<Decision> decisions, int chunkSize) {
    this.chunks = Lists.partition(decisions, chunkSize);
  }

  /** Writes {@code plan} to {@code out}, {@code chunkSize} decisions per chunk, and flushes it. */
  static void write(BackupPlan plan, int chunkSize, Writer out) throws IOException {
    StringBuilder frame = new StringBuilder();
    JsonWriter json = PlanJson.writer(CharStreams.asWriter(frame));
    PlanJson.beginPlan(json);
    int decisionsStart = frame.length();
    // A placeholder, so that the array is closed as a non-empty one is.
    json.value(0);
    int decisionsEnd = frame.length();
    PlanJson.endPlan(plan, json);

    out.append(frame, 0, decisionsStart);
    new DecisionChunks(plan.decisions(), chunkSize).writeInOrder(out);
    out.append(frame, decisionsEnd, frame.length());
    out.flush();
  }

  private void writeInOrder(Writer out) throws IOException {
    Deque<ForkJoinTask<StringBuilder>> ahead = new ArrayDeque<>(AHEAD);
    char[] slice = new char[SLICE];
    int next = 0;
    try {
      for (int written = 0; written < chunks.size(); written++) {
        for (; next < chunks.size() && ahead.size() < AHEAD; next++) {
          List<Decision> chunk = chunks.get(next);
          ahead.add(ForkJoinPool.commonPool().submit(() -> render(chunk)));
        }
        ForkJoinTask<StringBuilder> first = ahead.remove();
        renderLatestWhileRendered(first, ahead);
        StringBuilder text = first.join();
        if (written > 0) {
          out.write(',');
        }
        // In slices through one array: Writer.append(CharSequence) would copy the chunk to a String.
        for (int from = 0; from < text.length(); from += SLICE) {
          int to = Math.min(from + SLICE, text.length());
          text.getChars(from, to, slice, 0);
          out.write(slice, 0, to - from);
        }
        text.setLength(0);
        spare.offer(text);
      }
    } finally {
      // Left only when writing failed: the chunks are rendered for nothing.
      ahead.forEach(task -> task.cancel(false));
    }
  }

  /**
   * Renders the latest chunks on this thread, rather than wait, while another renders {@code
   * first}; a chunk not yet begun is taken back from the pool, as only the latest can be.
   */
  private static void renderLatestWhileRendered(
      ForkJoinTask<StringBuilder> first, Deque<ForkJoinTask<StringBuilder>> later) {
    Iterator<ForkJoinTask<StringBuilder>> latestFirst = later.descendingIterator();
    while (!first.isDone() && latestFirst.hasNext()) {
      ForkJoinTask<StringBuilder> task = latestFirst.next();
      if (task.tryUnfork()) {
        task.invoke();
      }
    }
  }

  /** The chunk's decisions as the plan's writer would write them, from the line break before the first. */
  private StringBuilder render(List<Decision> chunk) {
    StringBuilder spared = spare.poll();
    StringBuilder text = spared != null ? spared : new StringBuilder(chunk.size() * CHARS_PER_DECISION);
    try {
      // Guava's writer over a StringBuilder, not a StringWriter, whose StringBuffer locks on every call.
      JsonWriter json = PlanJson.writer(CharStreams.asWriter(text));
      // The plan's start, dropped: it leaves the writer where the plan's first decision is written.
      PlanJson.beginPlan(json);
      text.setLength(0);
      for (Decision decision : chunk) {
        PlanJson.writeDecision(decision, json);
      }
      json.flush();
      return text;
    } catch (IOException e) {
      // A StringBuilder does not throw; the Writer interface says it may.
      throw new UncheckedIOException(e);
    }
  }
}

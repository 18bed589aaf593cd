package io.k8up.core.plan;

import com.google.common.collect.Lists;
import com.google.common.io.CharStreams;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Writes many decisions into a plan's open {@code decisions} array as {@link PlanJson} would one
 * by one, character for character, but rendered to text in chunks on the common fork-join pool and
 * the calling thread while earlier chunks are written.
 */
final class DecisionChunks {

  /**
   * The most chunks rendered ahead of the one being written: enough to keep a few threads busy,
   * and few enough that the text waiting stays a few megabytes, whatever the plan's size.
   */
  static final int AHEAD = 8;

  private DecisionChunks() {}

  /** Writes {@code decisions} into the array that {@code json} has open, {@code chunkSize} per chunk. */
  static void write(List<Decision> decisions, int chunkSize, JsonWriter json) throws IOException {
    List<List<Decision>> chunks = Lists.partition(decisions, chunkSize);
    Deque<ForkJoinTask<String>> ahead = new ArrayDeque<>(AHEAD);
    int next = 0;
    try {
      for (int written = 0; written < chunks.size(); written++) {
        for (; next < chunks.size() && ahead.size() < AHEAD; next++) {
          List<Decision> chunk = chunks.get(next);
          ahead.add(ForkJoinPool.commonPool().submit(() -> render(chunk)));
        }
        ForkJoinTask<String> first = ahead.remove();
        renderLatestWhileRendered(first, ahead);
        // Written as is, after the comma and indent that the array's next element takes: the text is
        // the chunk's decisions, separated as the writer separates them.
        json.jsonValue(first.join());
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
  private static void renderLatestWhileRendered(ForkJoinTask<String> first, Deque<ForkJoinTask<String>> later) {
    Iterator<ForkJoinTask<String>> latestFirst = later.descendingIterator();
    while (!first.isDone() && latestFirst.hasNext()) {
      ForkJoinTask<String> task = latestFirst.next();
      if (task.tryUnfork()) {
        task.invoke();
      }
    }
  }

  /**
   * The chunk's decisions as the plan's writer would write them, from the first one's opening brace:
   * the line break and indent before it are the plan writer's to write.
   */
  private static String render(List<Decision> chunk) {
    StringBuilder text = new StringBuilder(chunk.size() * 512);
    try {
      // Guava's writer over a StringBuilder, not a StringWriter, whose StringBuffer locks on every call.
      JsonWriter json = PlanJson.writer(CharStreams.asWriter(text));
      // An array in an object, like the plan's decisions, so that decisions are indented as there.
      json.beginObject();
      json.name("decisions").beginArray();
      int start = text.length();
      for (Decision decision : chunk) {
        PlanJson.writeDecision(decision, json);
      }
      json.flush();
      return text.substring(text.indexOf("{", start));
    } catch (IOException e) {
      // A StringBuilder does not throw; the Writer interface says it may.
      throw new UncheckedIOException(e);
    }
  }
}

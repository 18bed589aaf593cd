package io.k8up.core.internal.snapshot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How much a file read may hold, checked as the characters arrive, so that an endless or hostile
 * input ends with one clear problem instead of a hang or an exhausted heap. The defaults are far
 * above what a real cluster holds: etcd stores at most 1.5 MiB per object.
 *
 * @param maxChars characters in the whole source
 * @param maxTokenChars characters between two values: one scalar, or a run of blank space or
 *     comments
 * @param maxObjectChars characters of one object (a document, or an item of a list)
 * @param maxDepth how deeply mappings and lists nest; Gson's JSON reader allows 255 by default,
 *     and YAML gets the same
 * @param maxObjects objects (documents and list items) in the whole source
 * @param maxObjectValues values (scalars, mappings and lists) of one object that is kept
 */
public record ReadLimits(
    long maxChars,
    int maxTokenChars,
    int maxObjectChars,
    int maxDepth,
    int maxObjects,
    int maxObjectValues) {

  /** The limits of every read through {@code SnapshotFiles}. */
  public static final ReadLimits DEFAULTS =
      new ReadLimits(1L << 30, 2 << 20, 16 << 20, 255, 5_000_000, 250_000);

  /** Checks that every limit is positive. */
  public ReadLimits {
    checkArgument(maxChars > 0 && maxTokenChars > 0 && maxObjectChars > 0 && maxDepth > 0
        && maxObjects > 0 && maxObjectValues > 0, "limits must be positive");
  }

  /** These limits, with {@code maxChars} characters in the whole source. */
  public ReadLimits withMaxChars(long maxChars) {
    return new ReadLimits(maxChars, maxTokenChars, maxObjectChars, maxDepth, maxObjects,
        maxObjectValues);
  }

  /** These limits, with nesting at most {@code maxDepth} levels deep. */
  public ReadLimits withMaxDepth(int maxDepth) {
    return new ReadLimits(maxChars, maxTokenChars, maxObjectChars, maxDepth, maxObjects,
        maxObjectValues);
  }
}

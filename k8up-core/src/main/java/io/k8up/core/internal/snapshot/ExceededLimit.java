package io.k8up.core.internal.snapshot;

/**
 * The problems that end a read past one of its {@link ReadLimits}, worded once for every reader
 * that checks them: the parsers' {@link LimitedReader}, and the list cutter's {@link ByteInput}.
 */
final class ExceededLimit {

  private ExceededLimit() {}

  /** More characters than {@link ReadLimits#maxChars()}. */
  static InputException chars(ReadLimits limits, long line) {
    return new InputException("is longer than " + limits.maxChars() + " characters, more than any"
        + " cluster dump this reader accepts; reading stopped at line " + line);
  }

  /** A value or a run of blank space longer than {@link ReadLimits#maxTokenChars()}. */
  static InputException value(ReadLimits limits, long line) {
    return new InputException("holds a value, or a run of blank space or comments, longer than "
        + limits.maxTokenChars() + " characters, by line " + line);
  }

  /** An object longer than {@link ReadLimits#maxObjectChars()}. */
  static InputException object(ReadLimits limits, long line) {
    return new InputException("holds an object longer than " + limits.maxObjectChars()
        + " characters, by line " + line);
  }

  /** An object with more than {@code max} values ({@link ReadLimits#maxObjectValues()}). */
  static InputException values(int max, long line) {
    return new InputException("holds an object with more than " + max + " values, by line " + line);
  }

  /** More objects than {@link ReadLimits#maxObjects()}. */
  static InputException objects(ReadLimits limits, long line) {
    return new InputException("holds more than " + limits.maxObjects() + " objects, by line "
        + line);
  }
}

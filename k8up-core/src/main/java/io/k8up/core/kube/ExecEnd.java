package io.k8up.core.kube;

/**
 * How a command run through {@code pods/exec} ended.
 *
 * @param kind whether it exited, was refused, or broke off
 * @param exitCode the command's exit code, for {@link Kind#EXITED}
 * @param httpStatus the API server's answer to the connection, for {@link Kind#REFUSED}
 * @param message what the API server or kubelet said, for the other kinds
 */
public record ExecEnd(Kind kind, int exitCode, int httpStatus, String message) {

  /** The ways an exec ends. */
  public enum Kind {
    /** The command ran and exited with {@link #exitCode()}. */
    EXITED,
    /** The API server refused the connection with {@link #httpStatus()}: forbidden, no such pod or container. */
    REFUSED,
    /** The command could not start, or the connection broke before its exit status arrived. */
    BROKEN
  }

  /** The command ran and exited with {@code exitCode}. */
  public static ExecEnd exited(int exitCode) {
    return new ExecEnd(Kind.EXITED, exitCode, 0, "");
  }

  /** The server refused the connection with {@code httpStatus}, saying {@code message}. */
  public static ExecEnd refused(int httpStatus, String message) {
    return new ExecEnd(Kind.REFUSED, -1, httpStatus, message);
  }

  /** The command could not start, or the connection broke, as {@code message} says. */
  public static ExecEnd broken(String message) {
    return new ExecEnd(Kind.BROKEN, -1, 0, message);
  }
}

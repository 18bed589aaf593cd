package io.k8up.examples.josdk;

/** How one claim fared in a schedule's last run, as its status lists it. */
public class ClaimOutcome {

  private String name;
  private String status;
  private String reason;
  private String message;

  /** For Jackson. */
  public ClaimOutcome() {}

  ClaimOutcome(String name, String status, String reason, String message) {
    this.name = name;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  /** The claim or pod, as {@code namespace/name}. */
  public String getName() {
    return name;
  }

  /** Sets the claim or pod. */
  public void setName(String name) {
    this.name = name;
  }

  /** {@code SUCCEEDED}, {@code FAILED}, {@code SKIPPED} or {@code NOT_RUN}. */
  public String getStatus() {
    return status;
  }

  /** Sets the status. */
  public void setStatus(String status) {
    this.status = status;
  }

  /** The library's reason for the status, e.g. {@code JOB_FAILED}. */
  public String getReason() {
    return reason;
  }

  /** Sets the reason. */
  public void setReason(String reason) {
    this.reason = reason;
  }

  /** One sentence saying what happened, and what to do if it failed. */
  public String getMessage() {
    return message;
  }

  /** Sets the message. */
  public void setMessage(String message) {
    this.message = message;
  }
}

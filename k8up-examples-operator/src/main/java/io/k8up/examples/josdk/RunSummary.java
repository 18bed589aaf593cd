package io.k8up.examples.josdk;

/** How many claims of a run ended in each status. */
public class RunSummary {

  private int succeeded;
  private int failed;
  private int skipped;
  private int notRun;

  /** For Jackson. */
  public RunSummary() {}

  RunSummary(int succeeded, int failed, int skipped, int notRun) {
    this.succeeded = succeeded;
    this.failed = failed;
    this.skipped = skipped;
    this.notRun = notRun;
  }

  /** Claims backed up. */
  public int getSucceeded() {
    return succeeded;
  }

  /** Sets the claims backed up. */
  public void setSucceeded(int succeeded) {
    this.succeeded = succeeded;
  }

  /** Claims that failed. */
  public int getFailed() {
    return failed;
  }

  /** Sets the claims that failed. */
  public void setFailed(int failed) {
    this.failed = failed;
  }

  /** Claims left out as planned. */
  public int getSkipped() {
    return skipped;
  }

  /** Sets the claims left out as planned. */
  public void setSkipped(int skipped) {
    this.skipped = skipped;
  }

  /** Claims not tried to the end. */
  public int getNotRun() {
    return notRun;
  }

  /** Sets the claims not tried to the end. */
  public void setNotRun(int notRun) {
    this.notRun = notRun;
  }
}

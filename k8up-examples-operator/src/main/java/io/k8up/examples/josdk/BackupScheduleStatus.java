package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link BackupSchedule}'s last run did, and its conditions as Kubernetes conventions have
 * them ({@code Ready}, {@code Succeeded}). The reconciler keeps no other state: the next run is due
 * one interval after {@link #getLastStartTime()}.
 */
public class BackupScheduleStatus {

  private String lastRunId;
  private List<String> lastNamespaces = new ArrayList<>();
  private String lastStartTime;
  private String lastEndTime;
  private RunSummary summary;
  private List<ClaimOutcome> outcomes = new ArrayList<>();
  private List<Condition> conditions = new ArrayList<>();

  /** The run id of the last run; its objects carry it in their names and labels. */
  public String getLastRunId() {
    return lastRunId;
  }

  /** Sets the last run's id. */
  public void setLastRunId(String lastRunId) {
    this.lastRunId = lastRunId;
  }

  /**
   * The namespaces the last run backed up: with a namespace selector, which namespaces it selected,
   * so that deleting the schedule sweeps them even if their labels changed since.
   */
  public List<String> getLastNamespaces() {
    return lastNamespaces;
  }

  /** Sets the namespaces the last run backed up. */
  public void setLastNamespaces(List<String> lastNamespaces) {
    this.lastNamespaces = lastNamespaces == null ? new ArrayList<>() : lastNamespaces;
  }

  /** When the last run was due and started (RFC 3339). */
  public String getLastStartTime() {
    return lastStartTime;
  }

  /** Sets when the last run started. */
  public void setLastStartTime(String lastStartTime) {
    this.lastStartTime = lastStartTime;
  }

  /** When the last run ended (RFC 3339). */
  public String getLastEndTime() {
    return lastEndTime;
  }

  /** Sets when the last run ended. */
  public void setLastEndTime(String lastEndTime) {
    this.lastEndTime = lastEndTime;
  }

  /** How many claims of the last run ended in each status. */
  public RunSummary getSummary() {
    return summary;
  }

  /** Sets the last run's counts. */
  public void setSummary(RunSummary summary) {
    this.summary = summary;
  }

  /** How each claim and pod fared in the last run. */
  public List<ClaimOutcome> getOutcomes() {
    return outcomes;
  }

  /** Sets the last run's outcomes. */
  public void setOutcomes(List<ClaimOutcome> outcomes) {
    this.outcomes = outcomes == null ? new ArrayList<>() : outcomes;
  }

  /** The conditions, one per type. */
  public List<Condition> getConditions() {
    return conditions;
  }

  /** Sets the conditions. */
  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }
}

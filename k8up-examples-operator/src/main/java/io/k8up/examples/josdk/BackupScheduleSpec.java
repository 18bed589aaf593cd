package io.k8up.examples.josdk;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link BackupSchedule} backs up (one namespace, or the namespaces a label selector
 * selects), how often, and with which limits.
 */
@ValidationRule(value = "has(self.__namespace__) != has(self.namespaceSelector)",
    message = "set exactly one of namespace and namespaceSelector")
public class BackupScheduleSpec {

  @JsonPropertyDescription("The namespace whose PersistentVolumeClaims are backed up; or set namespaceSelector.")
  private String namespace;

  @JsonPropertyDescription("Back up the namespaces whose labels match, as selected at each run; or set namespace.")
  private LabelSelector namespaceSelector;

  @Required
  @Pattern(Interval.PATTERN)
  @JsonPropertyDescription("Time from the start of one backup to the next: a number and a unit, s, m, h or d, e.g. 1h.")
  private String interval;

  @JsonPropertyDescription("Volume-access strategies to try, in order, e.g. [job-per-pvc]; empty: the library's order.")
  private List<String> strategyOrder = new ArrayList<>();

  @Min(1)
  @JsonPropertyDescription("At most this many backups at once; default 4.")
  private Integer maxConcurrent;

  @Min(1)
  @JsonPropertyDescription("At most this many backups at once on one node; default 1.")
  private Integer maxPerNode;

  @JsonPropertyDescription("Back up only claims annotated k8up.io/backup=true; default false.")
  private boolean requireOptIn;

  /** The namespace whose claims are backed up, or null when {@link #getNamespaceSelector()} is set. */
  public String getNamespace() {
    return namespace;
  }

  /** Sets the namespace whose claims are backed up. */
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** The label selector of the namespaces whose claims are backed up, or null when {@link #getNamespace()} is set. */
  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  /** Sets the label selector of the namespaces whose claims are backed up. */
  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  /** The time between the starts of two backups, as {@link Interval#parse} reads it. */
  public String getInterval() {
    return interval;
  }

  /** Sets the time between the starts of two backups, e.g. {@code 1h}. */
  public void setInterval(String interval) {
    this.interval = interval;
  }

  /** The strategies to try, in order; empty for the library's order. */
  public List<String> getStrategyOrder() {
    return strategyOrder;
  }

  /** Sets the strategies to try, in order. */
  public void setStrategyOrder(List<String> strategyOrder) {
    this.strategyOrder = strategyOrder == null ? new ArrayList<>() : strategyOrder;
  }

  /** At most this many backups at once; null for the library's default. */
  public Integer getMaxConcurrent() {
    return maxConcurrent;
  }

  /** Sets how many backups may run at once. */
  public void setMaxConcurrent(Integer maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  /** At most this many backups at once on one node; null for the library's default. */
  public Integer getMaxPerNode() {
    return maxPerNode;
  }

  /** Sets how many backups may run at once on one node. */
  public void setMaxPerNode(Integer maxPerNode) {
    this.maxPerNode = maxPerNode;
  }

  /** Whether only claims that opted in are backed up. */
  public boolean isRequireOptIn() {
    return requireOptIn;
  }

  /** Sets whether only claims that opted in are backed up. */
  public void setRequireOptIn(boolean requireOptIn) {
    this.requireOptIn = requireOptIn;
  }
}

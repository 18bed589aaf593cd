package io.k8up.core.plan;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.internal.plan.ClaimDecider;
import io.k8up.core.internal.plan.CommandDecider;
import io.k8up.core.internal.plan.StrategySelector;
import io.k8up.core.internal.plan.Trace;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Decides, for every claim of a snapshot and every active pod with a backup command, whether to
 * back it up, skip it or fail it, with a reason code and a sentence for the user, and where a
 * claim's backup must run.
 *
 * <p>Planning is pure: it reads nothing but the snapshot and this planner's settings, uses no clock
 * and no randomness, and gives the same plan for the same input whatever the order of the input's
 * objects. Its cost is linear in claims plus pods. Instances are immutable and thread-safe.
 *
 * <p>The claims of a large snapshot (thousands of claims) are decided in parallel, on the calling
 * thread and the {@linkplain ForkJoinPool#commonPool() common fork-join pool}, as pure and
 * thread-safe {@link NodeResolutionRule}s and {@link VolumeAccessStrategy}s allow; the plan is the
 * same as if they were decided one after another.
 *
 * <pre>{@code
 * BackupPlan plan = BackupPlanner.builder()
 *     .strategies(InstalledStrategies.load().inOrder(List.of("job-per-pvc")))
 *     .build()
 *     .plan(snapshot);
 * }</pre>
 */
public final class BackupPlanner {

  /**
   * The number of claims from which they are decided in parallel: a claim takes microseconds, so
   * for fewer, handing them to other threads costs about what it saves.
   */
  static final int PARALLEL_FROM = 2048;

  private final ClaimDecider claims;
  private final CommandDecider commands;
  private final ImmutableList<VolumeAccessStrategy> strategies;

  private BackupPlanner(Builder builder) {
    this.strategies = builder.strategies;
    this.claims = new ClaimDecider(
        builder.nodeResolver.rules(), builder.requireOptIn, new StrategySelector(builder.strategies));
    this.commands = new CommandDecider(builder.commandsOncePerController);
  }

  /** A builder with the defaults of K8up: opt-out mode, the default node chain, no strategies. */
  public static Builder builder() {
    return new Builder();
  }

  /** The strategies this planner chooses from, in order of preference. */
  public ImmutableList<VolumeAccessStrategy> strategies() {
    return strategies;
  }

  /** The plan for every claim and pod of {@code snapshot}. */
  public BackupPlan plan(ClusterSnapshot snapshot) {
    return plan(snapshot, PARALLEL_FROM);
  }

  /**
   * The plan for every claim and pod of {@code snapshot}; its claims are decided in parallel if there
   * are {@code parallelFrom} or more.
   */
  BackupPlan plan(ClusterSnapshot snapshot, int parallelFrom) {
    checkNotNull(snapshot, "snapshot");
    List<Decision> claimDecisions = decideClaims(snapshot, parallelFrom);
    // Pod decisions share runnerByController, so they are made one after another.
    Map<String, String> runnerByController = new HashMap<>();
    List<Decision> podDecisions = new ArrayList<>();
    for (Pod pod : snapshot.pods()) {
      if (CommandDecider.hasCommand(pod)) {
        podDecisions.add(commands.decide(pod, runnerByController));
      }
    }
    return BackupPlan.of(inPlanOrder(claimDecisions, podDecisions), snapshot.notes());
  }

  /** A decision per claim, in the snapshot's order of claims. */
  private List<Decision> decideClaims(ClusterSnapshot snapshot, int parallelFrom) {
    List<Claim> all = snapshot.claims();
    if (all.size() < parallelFrom) {
      List<Decision> decisions = new ArrayList<>(all.size());
      for (Claim claim : all) {
        decisions.add(claims.decide(claim, snapshot, Trace.NONE));
      }
      return decisions;
    }
    // An ordered stream: toList keeps the claims' order, whichever thread decides which claim.
    return all.parallelStream().map(claim -> claims.decide(claim, snapshot, Trace.NONE)).toList();
  }

  /**
   * Merges claim and pod decisions, each sorted by namespace and name as the snapshot is, into
   * plan order: within a namespace, claims ({@code PersistentVolumeClaim}) come before pods.
   */
  private static ImmutableList<Decision> inPlanOrder(List<Decision> claimDecisions, List<Decision> podDecisions) {
    ImmutableList.Builder<Decision> merged =
        ImmutableList.builderWithExpectedSize(claimDecisions.size() + podDecisions.size());
    int c = 0;
    int p = 0;
    while (c < claimDecisions.size() && p < podDecisions.size()) {
      String claimNamespace = claimDecisions.get(c).subject().namespace();
      String podNamespace = podDecisions.get(p).subject().namespace();
      merged.add(claimNamespace.compareTo(podNamespace) <= 0 ? claimDecisions.get(c++) : podDecisions.get(p++));
    }
    merged.addAll(claimDecisions.subList(c, claimDecisions.size()));
    merged.addAll(podDecisions.subList(p, podDecisions.size()));
    return merged.build();
  }

  /**
   * How the claim {@code namespace/name} of {@code snapshot} is decided: every rule asked, in order.
   * Empty when the snapshot has no such claim.
   */
  public Optional<Explanation> explain(ClusterSnapshot snapshot, String namespace, String name) {
    checkNotNull(snapshot, "snapshot");
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    return snapshot.claims().stream()
        .filter(claim -> claim.namespace().equals(namespace) && claim.name().equals(name))
        .findFirst()
        .map(claim -> {
          RecordingTrace trace = new RecordingTrace();
          Decision decision = claims.decide(claim, snapshot, trace);
          return Explanation.of(decision, trace.steps());
        });
  }

  /** Records every step, for {@link #explain}. */
  private static final class RecordingTrace implements Trace {
    private final ImmutableList.Builder<ExplanationStep> steps = ImmutableList.builder();

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public void passed(String rule, String why) {
      steps.add(ExplanationStep.of(rule, false, why));
    }

    @Override
    public void decided(String rule, String why) {
      steps.add(ExplanationStep.of(rule, true, why));
    }

    ImmutableList<ExplanationStep> steps() {
      return steps.build();
    }
  }

  /**
   * Settings of a {@link BackupPlanner}. Each setter may be called once; every setting has a
   * default.
   */
  public static final class Builder {
    private boolean requireOptIn;
    private boolean commandsOncePerController = true;
    private NodeResolver nodeResolver = NodeResolver.defaultChain();
    private ImmutableList<VolumeAccessStrategy> strategies = ImmutableList.of();
    private final List<String> set = new ArrayList<>();

    private Builder() {}

    /**
     * Whether only claims annotated {@code k8up.io/backup=true} are backed up (K8up's {@code
     * BACKUP_SKIP_WITHOUT_ANNOTATION}); the others are skipped with {@link
     * DecisionReason#NOT_OPTED_IN}. Default {@code false}: every claim not opted out.
     *
     * @throws IllegalStateException if already set
     */
    public Builder requireOptIn(boolean requireOptIn) {
      once("requireOptIn");
      this.requireOptIn = requireOptIn;
      return this;
    }

    /**
     * Whether the backup command of pods with one controller (same controller UID) runs in one pod
     * only, the first by name, as in K8up; the others are skipped with {@link
     * DecisionReason#SAME_OWNER}. Default {@code true}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder commandsOncePerController(boolean oncePerController) {
      once("commandsOncePerController");
      this.commandsOncePerController = oncePerController;
      return this;
    }

    /**
     * The chain of rules that places ReadWriteOnce claims. Default {@link NodeResolver#defaultChain()}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder nodeResolver(NodeResolver nodeResolver) {
      once("nodeResolver");
      this.nodeResolver = checkNotNull(nodeResolver, "nodeResolver");
      return this;
    }

    /**
     * The volume-access strategies to choose from, most preferred first; each backed-up claim gets
     * the first one that supports it, and fails with {@link DecisionReason#NO_STRATEGY} when none
     * does. Default none: claims are decided and placed, and carry no strategy.
     *
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if two strategies share an id
     */
    public Builder strategies(List<? extends VolumeAccessStrategy> strategies) {
      once("strategies");
      ImmutableList<VolumeAccessStrategy> copy = ImmutableList.copyOf(strategies);
      long distinct = copy.stream().map(VolumeAccessStrategy::id).distinct().count();
      checkArgument(distinct == copy.size(), "two strategies share an id");
      this.strategies = copy;
      return this;
    }

    /** A planner with these settings. */
    public BackupPlanner build() {
      return new BackupPlanner(this);
    }

    private void once(String setting) {
      checkState(!set.contains(setting), "%s is already set", setting);
      set.add(setting);
    }
  }
}

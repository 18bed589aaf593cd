package io.k8up.core.internal.run;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.internal.run.UnitTransitions.Transition;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.Readiness;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.Workflow;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The engine's decisions for one unit, as the pure functions they are: a state, what a look showed
 * and the time in; the next state and the actions out. No gateway, no loop, no clock.
 */
class UnitTransitionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration UNSCHEDULABLE = Duration.ofSeconds(30);
  private static final Duration UNIT_TIMEOUT = Duration.ofMinutes(30);
  private static final UnitTransitions TRANSITIONS = new UnitTransitions(UNSCHEDULABLE, UNIT_TIMEOUT, Purpose.BACKUP);
  private static final ClaimTarget DATA = ClaimTarget.of(NAMESPACE, "data", "pv-data",
      ImmutableSet.of(AccessMode.READ_WRITE_MANY), Placement.anywhere(), ImmutableList.of());
  private static final BackupUnit UNIT = BackupUnit.of("test", List.of(DATA));
  private static final Step IN_PROGRESS = podStep("backup", look -> StepState.inProgress("The Job never ended."));
  private static final ObjectRef WATCHED = new ObjectRef(ResourceType.POD, NAMESPACE, "app-0");

  private static Step podStep(String name, Readiness readiness) {
    return Step.builder().name(name).addObjects(job(name)).observed(ImmutableSet.of(ResourceType.POD))
        .readiness(readiness).build();
  }

  // What a step creates does not matter to its transitions, only that it creates something.
  private static V1Job job(String name) {
    return new V1Job().apiVersion("batch/v1").kind("Job")
        .metadata(new V1ObjectMeta().name(name.replace(' ', '-').replace(",", "")).namespace(NAMESPACE));
  }

  private static UnitState started(Step... steps) {
    QueuedUnit queued = new QueuedUnit(UNIT, RunContext.of(RunId.of("test"), BackupToolSpec.restic("repo").build(),
        ClusterSnapshot.of(List.of(), List.of(), List.of())), 0, Optional.empty());
    return UnitState.start(queued, TestStrategy.nodeFree("test", target -> true, ""), Workflow.of(steps), T0,
        NodeSlot.scheduled(ImmutableSet.of()), List.of());
  }

  private static V1Pod pod(Optional<String> node, String phase, boolean unschedulable) {
    V1PodStatus status = new V1PodStatus().phase(phase);
    if (unschedulable) {
      status.addConditionsItem(new V1PodCondition().type("PodScheduled").status("False").reason("Unschedulable")
          .message("0/3 nodes are available: 3 node(s) were unschedulable."));
    }
    return new V1Pod()
        .metadata(new V1ObjectMeta().name("backup-pod").namespace(NAMESPACE)
            .labels(Map.of(K8upAnnotations.UNIT_LABEL, UNIT.id(), K8upAnnotations.ATTEMPT_LABEL, "1")))
        .spec(new V1PodSpec().nodeName(node.orElse(null)))
        .status(status);
  }

  private static UnitObservation seeing(V1Pod... pods) {
    return UnitObservation.of(ImmutableMap.of(), ImmutableList.copyOf(pods), ImmutableMap.of());
  }

  private static final V1Pod UNSCHEDULABLE_POD = pod(Optional.empty(), "Pending", true);
  private static final V1Pod PENDING_ON_NODE_1 = pod(Optional.of("node-1"), "Pending", false);
  private static final V1Pod RUNNING_ON_NODE_1 = pod(Optional.of("node-1"), "Running", false);

  @Test
  void aPodTheSchedulerCannotPlaceGoesStaleOnlyOnceTheThresholdHasPassed() {
    UnitState unit = started(IN_PROGRESS);

    Transition first = TRANSITIONS.afterLook(unit, seeing(UNSCHEDULABLE_POD), T0.plusSeconds(10));
    Transition before = TRANSITIONS.afterLook(first.state(), seeing(UNSCHEDULABLE_POD), T0.plusSeconds(39));
    Transition after = TRANSITIONS.afterLook(before.state(), seeing(UNSCHEDULABLE_POD), T0.plusSeconds(40));

    assertThat(first.actions()).isEmpty();
    assertThat(first.state().unschedulableSince()).contains(T0.plusSeconds(10));
    assertThat(before.actions()).isEmpty();
    assertThat(after.actions()).singleElement().isInstanceOfSatisfying(UnitAction.Replan.class, replan -> {
      assertThat(replan.cause()).isEqualTo(StaleCause.PLACEMENT_REFUSED);
      assertThat(replan.why()).startsWith("the backup pod could not be scheduled for 30 s (0/3 nodes are available");
    });
  }

  @Test
  void aPodThatGetsScheduledStartsTheThresholdAgain() {
    UnitState waited = TRANSITIONS.afterLook(started(IN_PROGRESS), seeing(UNSCHEDULABLE_POD), T0).state();

    UnitState scheduled = TRANSITIONS.afterLook(waited, seeing(RUNNING_ON_NODE_1), T0.plusSeconds(20)).state();
    Transition again = TRANSITIONS.afterLook(scheduled, seeing(UNSCHEDULABLE_POD), T0.plusSeconds(40));

    assertThat(scheduled.unschedulableSince()).isEmpty();
    assertThat(again.actions()).isEmpty();
    assertThat(again.state().unschedulableSince()).contains(T0.plusSeconds(40));
  }

  @Test
  void aPendingPodsEventsAreAskedForAndAFailedMountReplansTheUnit() {
    UnitState unit = started(IN_PROGRESS);
    UnitObservation seen = seeing(PENDING_ON_NODE_1);

    Transition asking = TRANSITIONS.afterLook(unit, seen, T0.plusSeconds(5));
    Transition mountFailed = TRANSITIONS.afterLook(unit,
        seen.withMountEvents(Optional.of("FailedMount: Unable to attach or mount volumes")), T0.plusSeconds(5));
    Transition slow = TRANSITIONS.afterLook(unit, seen.withMountEvents(Optional.empty()), T0.plusSeconds(5));

    assertThat(asking.state()).as("asked from the same state").isEqualTo(unit);
    assertThat(asking.actions()).containsExactly(new UnitAction.ReadMountEvents("backup-pod"));
    assertThat(mountFailed.actions()).containsExactly(new UnitAction.Placed(), new UnitAction.Replan(
        "the volume could not be attached or mounted on node node-1 (FailedMount: Unable to attach or mount volumes)",
        StaleCause.PLACEMENT_REFUSED));
    assertThat(slow.actions()).containsExactly(new UnitAction.Placed());
    assertThat(slow.state().placed()).isTrue();
    assertThat(slow.state().slot()).isEqualTo(NodeSlot.scheduled(ImmutableSet.of()).boundTo("node-1"));
  }

  @Test
  void thePlacementIsToldOnce() {
    Transition first = TRANSITIONS.afterLook(started(IN_PROGRESS), seeing(RUNNING_ON_NODE_1), T0.plusSeconds(5));
    Transition second = TRANSITIONS.afterLook(first.state(), seeing(RUNNING_ON_NODE_1), T0.plusSeconds(10));

    assertThat(first.actions()).containsExactly(new UnitAction.Placed());
    assertThat(first.state().node()).contains("node-1");
    assertThat(second.actions()).isEmpty();
  }

  @Test
  void aDoneStepMovesOnToTheNextAsItsAdjusterShapedIt() {
    Step last = podStep("backup", look -> StepState.done());
    Step adjusted = podStep("backup, sized", look -> StepState.done());
    Step first = Step.builder().from(podStep("snapshot", look -> StepState.done()))
        .adjustNext((next, look) -> adjusted).build();

    Transition moved = TRANSITIONS.afterLook(started(first, last), seeing(), T0.plusSeconds(5));
    Transition ended = TRANSITIONS.afterLook(moved.state(), seeing(), T0.plusSeconds(10));

    assertThat(moved.actions()).containsExactly(new UnitAction.ApplyStep());
    assertThat(moved.state().stepIndex()).isEqualTo(1);
    assertThat(moved.state().step()).isSameAs(adjusted);
    assertThat(ended.actions()).containsExactly(
        new UnitAction.End(OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP, "backed up"));
  }

  @Test
  void aStrategyThatThrowsFailsItsUnitAsItsOwnFault() {
    Step first = Step.builder().from(podStep("snapshot", look -> StepState.done()))
        .adjustNext((next, look) -> {
          throw new IllegalArgumentException("no restoreSize");
        }).build();
    Step broken = podStep("backup", look -> {
      throw new NullPointerException("status");
    });

    Transition notAdjusted = TRANSITIONS.afterLook(started(first, IN_PROGRESS), seeing(), T0);
    Transition notChecked = TRANSITIONS.afterLook(started(broken), seeing(), T0);

    assertThat(notAdjusted.actions()).containsExactly(new UnitAction.End(OutcomeStatus.FAILED,
        OutcomeReason.MATERIALIZE_FAILED, "strategy test could not build its step after snapshot: no restoreSize"));
    assertThat(notChecked.actions()).containsExactly(new UnitAction.End(OutcomeStatus.FAILED,
        OutcomeReason.MATERIALIZE_FAILED, "strategy test could not tell where step backup stands: status"));
  }

  @Test
  void aForbiddenLookEndsTheUnitAndAnyOtherFailedLookOnlyOnceItIsOverdue() {
    UnitState unit = started(IN_PROGRESS);
    KubeRequest list = KubeRequest.of("list", ResourceType.POD, Optional.of(NAMESPACE));
    UnitObservation forbidden = UnitObservation.failed(KubeFailure.status(list, "https://api", 403, "forbidden"));
    UnitObservation down = UnitObservation.failed(KubeFailure.status(list, "https://api", 503, "etcd is down"));

    assertThat(TRANSITIONS.afterLook(unit, forbidden, T0).actions()).singleElement()
        .isInstanceOfSatisfying(UnitAction.End.class, end -> assertThat(end.reason()).isEqualTo(OutcomeReason.FORBIDDEN));
    assertThat(TRANSITIONS.afterLook(unit, down, T0.plus(UNIT_TIMEOUT).minusSeconds(1)).actions()).isEmpty();
    assertThat(TRANSITIONS.afterLook(unit, down, T0.plus(UNIT_TIMEOUT)).actions()).singleElement()
        .isInstanceOfSatisfying(UnitAction.End.class, end -> {
          assertThat(end.reason()).isEqualTo(OutcomeReason.TIMED_OUT);
          assertThat(end.message()).startsWith("the backup did not finish within PT30M").contains(
              "The last look at it failed: ");
        });
  }

  @Test
  void aWatchedObjectReplacedByAnotherOfItsNameCountsAsGone() {
    Step watching = Step.builder().name("exec").addObjects(job("exec")).observed(ImmutableSet.of()).addWatched(WATCHED)
        .readiness(look -> look.watched(WATCHED).isPresent() ? StepState.inProgress()
            : StepState.failed(io.k8up.core.spi.StepFailure.VANISHED, "the pod is gone"))
        .build();
    UnitState unit = started(watching);

    Transition first = TRANSITIONS.afterLook(unit, watchedWithUid("uid-1"), T0);
    Transition same = TRANSITIONS.afterLook(first.state(), watchedWithUid("uid-1"), T0.plusSeconds(5));
    Transition replaced = TRANSITIONS.afterLook(same.state(), watchedWithUid("uid-2"), T0.plusSeconds(10));

    assertThat(first.actions()).isEmpty();
    assertThat(same.actions()).isEmpty();
    assertThat(replaced.actions()).containsExactly(new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.VANISHED,
        "the pod is gone"));
  }

  private static UnitObservation watchedWithUid(String uid) {
    JsonObject pod = JsonParser.parseString("{\"metadata\":{\"name\":\"app-0\",\"uid\":\"" + uid + "\"}}")
        .getAsJsonObject();
    return UnitObservation.of(ImmutableMap.of(), ImmutableList.of(), ImmutableMap.of(WATCHED, Optional.of(pod)));
  }

  /** One look: the seconds since the last, and which pod it shows. */
  private record LookAt(int seconds, int pod) {}

  private static final List<V1Pod> PODS = List.of(UNSCHEDULABLE_POD, PENDING_ON_NODE_1, RUNNING_ON_NODE_1,
      pod(Optional.of("node-2"), "Running", false));

  private static Gen<List<LookAt>> looks() {
    return lists().of(integers().between(0, 900).zip(integers().between(0, PODS.size()), LookAt::new))
        .ofSizeBetween(1, 60);
  }

  @Test
  void everyTransitionIsAFunctionOfItsInputsAndEndsAUnitAtMostOnceLastAndByTheTimeout() {
    qt().withExamples(300).forAll(looks()).checkAssert(looks -> {
      UnitState unit = started(IN_PROGRESS);
      Instant now = T0;
      for (LookAt at : looks) {
        now = now.plusSeconds(at.seconds());
        UnitObservation seen = at.pod() == PODS.size() ? seeing() : seeing(PODS.get(at.pod()));
        Transition transition = TRANSITIONS.afterLook(unit, seen, now);
        assertThat(TRANSITIONS.afterLook(unit, seen, now)).as("the same inputs, the same decision")
            .isEqualTo(transition);
        if (transition.actions().stream().anyMatch(UnitAction.ReadMountEvents.class::isInstance)) {
          assertThat(transition.actions()).hasSize(1);
          assertThat(transition.state()).isEqualTo(unit);
          transition = TRANSITIONS.afterLook(unit, seen.withMountEvents(Optional.empty()), now);
          assertThat(transition.actions()).noneMatch(UnitAction.ReadMountEvents.class::isInstance);
        }
        ImmutableList<UnitAction> actions = transition.actions();
        long endings = actions.stream().filter(action -> action instanceof UnitAction.End
            || action instanceof UnitAction.Replan).count();
        assertThat(endings).as("ends %s", actions).isLessThanOrEqualTo(1);
        if (endings == 1) {
          assertThat(transition.ends()).isTrue();
          assertThat(actions.get(actions.size() - 1)).as("the end is the last action")
              .isInstanceOfAny(UnitAction.End.class, UnitAction.Replan.class);
          return;
        }
        assertThat(Duration.between(T0, now)).as("a unit past its timeout has ended").isLessThan(UNIT_TIMEOUT);
        assertThat(actions.stream().filter(UnitAction.Placed.class::isInstance).count()).isLessThanOrEqualTo(1);
        unit = transition.state();
      }
    });
  }
}

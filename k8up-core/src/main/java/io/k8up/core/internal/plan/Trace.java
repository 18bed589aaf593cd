package io.k8up.core.internal.plan;

/** Where a decider records which rules it asked and what they said; {@link #NONE} when planning. */
public interface Trace {

  /** Records nothing, so that planning pays nothing for explanations. */
  Trace NONE =
      new Trace() {
        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public void passed(String rule, String why) {}

        @Override
        public void decided(String rule, String why) {}
      };

  /** Whether steps are recorded; callers skip building sentences when not. */
  boolean enabled();

  /** {@code rule} did not apply, because of {@code why}. */
  void passed(String rule, String why);

  /** {@code rule} decided, as {@code why} says. */
  void decided(String rule, String why);
}

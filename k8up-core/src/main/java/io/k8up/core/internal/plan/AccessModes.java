package io.k8up.core.internal.plan;

import io.k8up.core.model.AccessMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the planner says about a claim's access modes, precomputed for every combination. */
public final class AccessModes {

  private static final AccessMode[] MODES = AccessMode.values();
  private static final String[] DESCRIPTIONS = new String[1 << MODES.length];

  static {
    for (int mask = 0; mask < DESCRIPTIONS.length; mask++) {
      List<String> names = new ArrayList<>();
      for (AccessMode mode : MODES) {
        if ((mask & bit(mode)) != 0) {
          names.add(mode.kubernetesName());
        }
      }
      DESCRIPTIONS[mask] = names.isEmpty() ? "of no declared access mode" : String.join("/", names);
    }
  }

  private AccessModes() {}

  /** The modes as Kubernetes names them, joined by {@code /} in declaration order, e.g. {@code ReadWriteOnce}. */
  public static String describe(Set<AccessMode> modes) {
    int mask = 0;
    for (AccessMode mode : modes) {
      mask |= bit(mode);
    }
    return DESCRIPTIONS[mask];
  }

  /** Whether pods on several nodes may mount a volume of these modes at once. */
  public static boolean anyShared(Set<AccessMode> modes) {
    for (AccessMode mode : modes) {
      if (mode.isShared()) {
        return true;
      }
    }
    return false;
  }

  private static int bit(AccessMode mode) {
    return 1 << mode.ordinal();
  }
}

package io.k8up.core.run;

/**
 * Hears what happens during a run. Called on the executor's thread, so it must return quickly; an
 * exception it throws is ignored, never stopping the run.
 */
@FunctionalInterface
public interface ProgressListener {

  void onEvent(ProgressEvent event);
}

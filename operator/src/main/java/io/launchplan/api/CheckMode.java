package io.launchplan.api;

/** Whether a query or alert selector acts on the launch, or is only watched (Argo Rollouts' {@code dryRun}). */
public enum CheckMode {
  /** Firing pauses or reverts the launch (the default). */
  Enforce,
  /**
   * Evaluated every tick and shown in status and metrics ("would have reverted at T"), never acting:
   * neither its firing, nor its errors, hold, pause or revert the launch. For trying a new check
   * on real launches before trusting it.
   */
  Shadow
}

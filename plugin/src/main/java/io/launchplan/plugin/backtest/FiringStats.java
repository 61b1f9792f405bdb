package io.launchplan.plugin.backtest;

import java.time.Duration;

/**
 * How a check behaved over the steps of a range (pure): the operator evaluates a check at each tick
 * and it fires when the query returns a sample.
 *
 * <p>An <em>episode</em> is a run of consecutive firing steps; a step without data ends it. Each
 * firing step stands for one step of time, so an episode of {@code k} steps lasted {@code k × step}.
 * The operator acts on a check once it has fired continuously for its {@code for}: an episode whose
 * first and last firing steps are at least {@code for} apart, {@code (k − 1) × step ≥ for}, would have
 * acted (once).
 *
 * @param evaluatedSteps steps at which the check had data
 * @param firingSteps steps at which it fired
 * @param episodes runs of consecutive firing steps
 * @param longestSteps the longest run, in steps
 * @param actions episodes long enough for {@code for}
 */
public record FiringStats(int evaluatedSteps, int firingSteps, int episodes, int longestSteps, int actions) {

  /**
   * @param evaluated per step, whether the check had data there
   * @param firing per step, whether it fired (a step without data never fires)
   * @param step the distance between steps
   * @param forDuration the check's {@code for}
   */
  public static FiringStats of(boolean[] evaluated, boolean[] firing, Duration step, Duration forDuration) {
    if (evaluated.length != firing.length) {
      throw new IllegalArgumentException(evaluated.length + " evaluated steps for " + firing.length + " firing steps");
    }
    long needSteps = ceilDiv(forDuration.toMillis(), step.toMillis()) + 1;
    int evaluatedSteps = 0;
    int firingSteps = 0;
    int episodes = 0;
    int longest = 0;
    int actions = 0;
    int run = 0;
    for (int i = 0; i <= firing.length; i++) {
      boolean fires = i < firing.length && evaluated[i] && firing[i];
      if (i < firing.length && evaluated[i]) {
        evaluatedSteps++;
      }
      if (fires) {
        firingSteps++;
        run++;
        continue;
      }
      if (run > 0) {
        episodes++;
        longest = Math.max(longest, run);
        if (run >= needSteps) {
          actions++;
        }
        run = 0;
      }
    }
    return new FiringStats(evaluatedSteps, firingSteps, episodes, longest, actions);
  }

  /** The share of the evaluated time the check fired, 0..1 (0 when nothing was evaluated). */
  public double share() {
    return evaluatedSteps == 0 ? 0 : (double) firingSteps / evaluatedSteps;
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}

package io.launchplan.api;

import io.fabric8.generator.annotation.Required;

/**
 * {@code hooks.suspendCronJobs}: the CronJobs of the plan's namespace that {@link #selector}
 * matches are suspended while a launch runs, and each gets its own previous {@code suspend} back
 * when the launch ends, however it ends. One resumed by hand during the launch is left as it was set.
 */
public class CronJobHook {
  @Required
  private PolicySelector selector;

  public PolicySelector getSelector() { return selector; }
  public void setSelector(PolicySelector selector) { this.selector = selector; }
}

package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the operator does around a launch, from the launch procedure ("disable the cron jobs during the switch"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchHooks {
  private CronJobHook suspendCronJobs;

  public CronJobHook getSuspendCronJobs() { return suspendCronJobs; }
  public void setSuspendCronJobs(CronJobHook suspendCronJobs) { this.suspendCronJobs = suspendCronJobs; }
}

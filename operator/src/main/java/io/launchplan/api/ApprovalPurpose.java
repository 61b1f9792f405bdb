package io.launchplan.api;

/**
 * What a {@link LaunchApproval} agrees to: the launch of a revision, the postmortem of a reverted
 * revision, or an emergency launch of a revision bypassing freezes, launch windows and lanes.
 */
public enum ApprovalPurpose {
  Launch,
  Postmortem,
  Emergency
}

package io.launchplan.launch;

import io.launchplan.api.Texts;

/**
 * The declarative manual controls on a plan, as annotations that work from Git as well as from
 * kubectl: {@code launchplan.io/promote: "<nonce or reason>"} and {@code launchplan.io/abort:
 * "<reason>"}. Each distinct value acts once ({@code status.handledPromote}/{@code handledAbort}).
 *
 * @param promote the promote annotation's value, or null when absent
 * @param promoteBy who set it (the field manager that owns it, e.g. {@code kubectl-annotate}), or null
 * @param abort the abort annotation's value, or null when absent
 * @param abortBy who set it, or null
 */
public record Controls(String promote, String promoteBy, String abort, String abortBy) {
  public static final Controls NONE = new Controls(null, null, null, null);

  /** Each value is cut to {@link Texts#MAX_VALUE}: it is kept in status and quoted in history and Events. */
  public Controls {
    promote = Texts.value(promote);
    promoteBy = Texts.value(promoteBy);
    abort = Texts.value(abort);
    abortBy = Texts.value(abortBy);
  }

  /** Whether the abort annotation holds a value not handled yet ({@code status.handledAbort}). */
  public boolean newAbort(String handledAbort) {
    return abort != null && !abort.equals(handledAbort);
  }
}

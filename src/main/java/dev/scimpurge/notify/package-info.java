/** Tells operators how a purge ended: a webhook, a Slack message or an email at the end of a run, never its token. */
@NullMarked
package dev.scimpurge.notify;

import org.jspecify.annotations.NullMarked;

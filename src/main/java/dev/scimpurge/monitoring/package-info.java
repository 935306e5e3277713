/**
 * Watching a run as it goes: the execution id in every log line, progress as a bar or log lines, and the warning about
 * earlier runs left unfinished.
 */
@NullMarked
package dev.scimpurge.monitoring;

import org.jspecify.annotations.NullMarked;

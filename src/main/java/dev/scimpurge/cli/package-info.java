/**
 * The picocli commands, their shared options declared once on the root and in mixins, and what a command needs around
 * a run: configuration files, the state directory, the confirmation prompt, SIGTERM, exit codes and advice on failure.
 */
@NullMarked
package dev.scimpurge.cli;

import org.jspecify.annotations.NullMarked;

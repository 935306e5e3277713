/** Table, JSON and CSV output of {@code history} and {@code audit}, with text from outside made safe for a terminal. */
@NullMarked
package dev.scimpurge.audit.output;

import org.jspecify.annotations.NullMarked;

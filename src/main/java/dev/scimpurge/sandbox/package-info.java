/**
 * The built-in SCIM server that tests and demonstrations run against: its filter parser, its fault knobs and its
 * provider personalities. It depends on no other package of the project and only speaks HTTP.
 */
@NullMarked
package dev.scimpurge.sandbox;

import org.jspecify.annotations.NullMarked;

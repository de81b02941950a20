/**
 * The judge's desk: open cases, a case's evidence as a timeline, the ruling form and the
 * audit trail.
 */
@NullMarked
package io.handoff.console.desk;

import org.jspecify.annotations.NullMarked;

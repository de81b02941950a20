/**
 * Refusals that say what was wrong: RFC 9457 problem details naming each offending field.
 */
@NullMarked
package io.handoff.intake.problems;

import org.jspecify.annotations.NullMarked;

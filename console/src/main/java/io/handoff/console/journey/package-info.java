/**
 * A lead's journey: found by email or lead id, its whole path through every service.
 */
@NullMarked
package io.handoff.console.journey;

import org.jspecify.annotations.NullMarked;

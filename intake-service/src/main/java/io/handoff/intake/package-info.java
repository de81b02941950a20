/**
 * intake-service: the one front door for leads and sales events from outside.
 */
@NullMarked
package io.handoff.intake;

import org.jspecify.annotations.NullMarked;

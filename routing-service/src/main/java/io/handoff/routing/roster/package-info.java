/**
 * The sales organisation: reps and the accounts they own.
 */
@NullMarked
package io.handoff.routing.roster;

import org.jspecify.annotations.NullMarked;

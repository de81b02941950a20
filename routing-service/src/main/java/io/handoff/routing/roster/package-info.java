/**
 * The sales organisation: reps, the accounts they own, territories; kept on compacted
 * topics, imported from CSV.
 */
@NullMarked
package io.handoff.routing.roster;

import org.jspecify.annotations.NullMarked;

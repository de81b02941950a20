/**
 * The sales organisation: teams with availability, capacity and open leads; reps;
 * territories; accounts; CSV import.
 */
@NullMarked
package io.handoff.console.organisation;

import org.jspecify.annotations.NullMarked;

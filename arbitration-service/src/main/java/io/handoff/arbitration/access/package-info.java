/**
 * Who may see and rule on cases: the judge rules, sales reps see their own cases,
 * everyone else signed in reads.
 */
@NullMarked
package io.handoff.arbitration.access;

import org.jspecify.annotations.NullMarked;

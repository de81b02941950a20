/**
 * The judge's rulings: submitted on {@code arbitration.submissions}; each case's first is
 * taken by the case topology and written to {@code arbitration.rulings} for routing,
 * scoring and sla-monitor to carry out.
 */
@NullMarked
package io.handoff.arbitration.rulings;

import org.jspecify.annotations.NullMarked;

/**
 * The judge's rulings: written to {@code arbitration.rulings} for routing, scoring and sla-monitor to carry out.
 */
@NullMarked
package io.handoff.arbitration.rulings;

import org.jspecify.annotations.NullMarked;

/**
 * The SLA board: open clocks per team and rep with the time left, warnings, breaches and
 * ignored leads, and compliance over time.
 */
@NullMarked
package io.handoff.console.sla;

import org.jspecify.annotations.NullMarked;

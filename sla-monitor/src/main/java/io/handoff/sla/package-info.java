/**
 * sla-monitor: the sales SLA on the clock.
 */
@NullMarked
package io.handoff.sla;

import org.jspecify.annotations.NullMarked;

/**
 * SLA clocks per assigned lead: started by assignments, stopped by touches, fired by a
 * wall-clock punctuator.
 */
@NullMarked
package io.handoff.sla.clock;

import org.jspecify.annotations.NullMarked;

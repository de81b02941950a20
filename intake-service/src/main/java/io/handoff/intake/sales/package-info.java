/**
 * What sales tools report about a lead: activities (the touches that keep the SLA), returns and outcomes.
 */
@NullMarked
package io.handoff.intake.sales;

import org.jspecify.annotations.NullMarked;

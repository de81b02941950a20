/**
 * Business hours: when a rep's clock runs (time zone, working days and hours, public
 * holidays).
 */
@NullMarked
package io.handoff.events.calendar;

import org.jspecify.annotations.NullMarked;

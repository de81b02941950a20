/**
 * Sales activity from sales tools: calls, emails and meetings on a lead.
 */
@NullMarked
package io.handoff.intake.activities;

import org.jspecify.annotations.NullMarked;

/**
 * How well each rep and team keeps the SLA: the figures sales is measured on.
 */
@NullMarked
package io.handoff.sla.compliance;

import org.jspecify.annotations.NullMarked;

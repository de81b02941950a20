/**
 * Who may read the SLA clocks and compliance: the access model every service that people
 * call shares.
 */
@NullMarked
package io.handoff.sla.access;

import org.jspecify.annotations.NullMarked;

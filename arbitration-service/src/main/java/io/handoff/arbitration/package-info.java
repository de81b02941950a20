/**
 * arbitration-service: the judge's desk for returned and ignored leads.
 */
@NullMarked
package io.handoff.arbitration;

import org.jspecify.annotations.NullMarked;

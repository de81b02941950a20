/**
 * The scorecard: the numbers both sides of the agreement are measured on, as charts.
 */
@NullMarked
package io.handoff.console.scorecard;

import org.jspecify.annotations.NullMarked;

/**
 * The scorecard both sides are measured on: returns, rulings, ignored leads, open cases,
 * and the rules behind leads returned for cause.
 */
@NullMarked
package io.handoff.arbitration.scorecard;

import org.jspecify.annotations.NullMarked;

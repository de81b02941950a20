/**
 * Calibration from outcomes: how much each rule of an agreement really says about
 * conversion, as suggested points.
 */
@NullMarked
package io.handoff.scoring.calibration;

import org.jspecify.annotations.NullMarked;

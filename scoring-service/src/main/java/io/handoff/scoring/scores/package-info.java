/**
 * Scoring a lead against the agreement, explaining every point, and the topology that
 * does it for every lead.
 */
@NullMarked
package io.handoff.scoring.scores;

import org.jspecify.annotations.NullMarked;

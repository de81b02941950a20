/**
 * The weekly review's figures that scoring holds: what marketing handed to sales, week by
 * week, and what became of it.
 */
@NullMarked
package io.handoff.scoring.review;

import org.jspecify.annotations.NullMarked;

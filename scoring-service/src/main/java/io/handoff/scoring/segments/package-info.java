/**
 * Where marketing should aim: the segments of leads ranked by what becomes of them.
 */
@NullMarked
package io.handoff.scoring.segments;

import org.jspecify.annotations.NullMarked;

/**
 * Choosing a rep for each sales-ready lead and recording why.
 */
@NullMarked
package io.handoff.routing.assignment;

import org.jspecify.annotations.NullMarked;

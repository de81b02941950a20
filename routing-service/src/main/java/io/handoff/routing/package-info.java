/**
 * routing-service: the right rep for every sales-ready lead, and why.
 */
@NullMarked
package io.handoff.routing;

import org.jspecify.annotations.NullMarked;

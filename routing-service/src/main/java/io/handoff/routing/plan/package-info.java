/**
 * Routing as a versioned document: drafted, diffed against the version in force,
 * previewed on the recent sales-ready leads, approved by sales ops, activated, with its
 * history.
 */
@NullMarked
package io.handoff.routing.plan;

import org.jspecify.annotations.NullMarked;

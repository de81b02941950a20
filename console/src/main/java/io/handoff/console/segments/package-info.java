/**
 * The segments page: where marketing should aim next.
 */
@NullMarked
package io.handoff.console.segments;

import org.jspecify.annotations.NullMarked;

/**
 * Routing you can try before you trust it: its versions, drafts with their diff and
 * preview, approval and activation, and the fairness report.
 */
@NullMarked
package io.handoff.console.routing;

import org.jspecify.annotations.NullMarked;

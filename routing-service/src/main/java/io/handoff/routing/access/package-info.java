/**
 * Who may change the sales organisation and the webhook subscriptions.
 */
@NullMarked
package io.handoff.routing.access;

import org.jspecify.annotations.NullMarked;

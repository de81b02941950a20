/**
 * Sales tools' webhook subscriptions and their signed, retried deliveries.
 */
@NullMarked
package io.handoff.routing.webhook;

import org.jspecify.annotations.NullMarked;

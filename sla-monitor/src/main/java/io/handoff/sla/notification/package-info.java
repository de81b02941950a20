/**
 * Notifications that reach people: each SLA event becomes messages per channel and
 * recipient, delivered by e-mail and Slack-compatible webhook with retries, a circuit
 * breaker per channel, and a dead-letter topic for what fails for good.
 */
@NullMarked
package io.handoff.sla.notification;

import org.jspecify.annotations.NullMarked;

/**
 * The kinds of event intake accepts, how each is read from its JSON, and the one path
 * every accepted event takes to Kafka, whichever door it came through (HTTP, CloudEvents,
 * the {@code leads.inbound} topic).
 */
@NullMarked
package io.handoff.intake.events;

import org.jspecify.annotations.NullMarked;

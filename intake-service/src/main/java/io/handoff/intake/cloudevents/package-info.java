/**
 * Events as CloudEvents: over HTTP in structured and binary mode, and raw from connectors
 * on {@code leads.inbound}.
 */
@NullMarked
package io.handoff.intake.cloudevents;

import org.jspecify.annotations.NullMarked;

/**
 * The contracts between Handoff's services: one record per event, the typed topic
 * registry and its serdes.
 */
@NullMarked
package io.handoff.events;

import org.jspecify.annotations.NullMarked;

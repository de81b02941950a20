/**
 * The console's clients of the services: as the person signed in, with timeouts and a
 * circuit breaker per service.
 */
@NullMarked
package io.handoff.console.services;

import org.jspecify.annotations.NullMarked;

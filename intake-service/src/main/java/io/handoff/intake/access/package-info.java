/**
 * Who may send what: API keys per client, each with its roles and its rate limit.
 */
@NullMarked
package io.handoff.intake.access;

import org.jspecify.annotations.NullMarked;

/**
 * Safe client retries: the first answer to an {@code Idempotency-Key} is the answer to
 * every retry.
 */
@NullMarked
package io.handoff.intake.idempotency;

import org.jspecify.annotations.NullMarked;

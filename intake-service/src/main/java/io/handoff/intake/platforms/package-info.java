/**
 * Webhooks of marketing platforms (HubSpot, Marketo) mapped to leads; the mapping is
 * documented in {@code docs/platform-webhooks.md}.
 */
@NullMarked
package io.handoff.intake.platforms;

import org.jspecify.annotations.NullMarked;

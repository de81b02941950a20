/**
 * Engagement from marketing platforms: page views, form fills, webinar visits.
 */
@NullMarked
package io.handoff.intake.engagement;

import org.jspecify.annotations.NullMarked;

/**
 * scoring-service: every lead scored against the signed lead agreement.
 */
@NullMarked
package io.handoff.scoring;

import org.jspecify.annotations.NullMarked;

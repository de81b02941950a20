/**
 * Writing accepted events to Kafka, answering only once the broker has them.
 */
@NullMarked
package io.handoff.intake.publishing;

import org.jspecify.annotations.NullMarked;

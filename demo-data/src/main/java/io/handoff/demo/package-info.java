/**
 * Real public leads with their outcomes, as a marketing platform would send them.
 */
@NullMarked
package io.handoff.demo;

import org.jspecify.annotations.NullMarked;

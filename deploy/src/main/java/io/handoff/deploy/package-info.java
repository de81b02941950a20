/**
 * What runs Handoff on one machine: demo traffic for the local stack.
 */
@NullMarked
package io.handoff.deploy;

import org.jspecify.annotations.NullMarked;

/**
 * Cases opened for ignored leads, kept with their evidence for the judge.
 */
@NullMarked
package io.handoff.arbitration.cases;

import org.jspecify.annotations.NullMarked;

/**
 * The lead agreement in force: loading it and serving it.
 */
@NullMarked
package io.handoff.scoring.agreement;

import org.jspecify.annotations.NullMarked;

/**
 * The impact of a draft agreement on recent leads, before anyone signs it.
 */
@NullMarked
package io.handoff.scoring.preview;

import org.jspecify.annotations.NullMarked;

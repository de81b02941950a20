/**
 * Who may change the agreement: people with an operations role; reading is open.
 */
@NullMarked
package io.handoff.scoring.access;

import org.jspecify.annotations.NullMarked;

/**
 * Who may change the agreement: people signed in with their roles; reading is open.
 */
@NullMarked
package io.handoff.scoring.access;

import org.jspecify.annotations.NullMarked;

/**
 * The agreement studio: the agreement in force in plain words, drafts edited field by
 * field with each validation problem beside its field, the diff, the impact preview as
 * charts, signatures, activation and calibration.
 */
@NullMarked
package io.handoff.console.agreements;

import org.jspecify.annotations.NullMarked;

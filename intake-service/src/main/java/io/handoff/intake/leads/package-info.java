/**
 * Leads from marketing platforms: reading, validating and normalizing them.
 */
@NullMarked
package io.handoff.intake.leads;

import org.jspecify.annotations.NullMarked;

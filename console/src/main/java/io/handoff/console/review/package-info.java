/**
 * The weekly review of the agreement: the page, its tables as CSV, and the e-mail to both
 * sides every Monday.
 */
@NullMarked
package io.handoff.console.review;

import org.jspecify.annotations.NullMarked;

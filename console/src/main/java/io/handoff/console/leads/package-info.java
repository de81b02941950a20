/**
 * The leads page: finding leads and taking them out as CSV.
 */
@NullMarked
package io.handoff.console.leads;

import org.jspecify.annotations.NullMarked;

/**
 * Erasing a person: the administrator's request, published for every service that keeps
 * the lead.
 */
@NullMarked
package io.handoff.scoring.erasure;

import org.jspecify.annotations.NullMarked;

/**
 * Finding leads: lists filtered, sorted and paged, gathered from every instance.
 */
@NullMarked
package io.handoff.scoring.leads;

import org.jspecify.annotations.NullMarked;

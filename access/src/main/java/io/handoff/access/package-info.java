/**
 * Who may do what: people signed in (static users or bearer tokens), machines with API
 * keys, and their roles.
 */
@NullMarked
package io.handoff.access;

import org.jspecify.annotations.NullMarked;

/**
 * The console: sign-in, the pages people use, and the clients that call the services on
 * their behalf.
 */
@NullMarked
package io.handoff.console;

import org.jspecify.annotations.NullMarked;

/**
 * The backup and restore of Handoff's compacted topics, the one state that nothing else
 * rebuilds.
 */
@NullMarked
package io.handoff.events.backup;

import org.jspecify.annotations.NullMarked;

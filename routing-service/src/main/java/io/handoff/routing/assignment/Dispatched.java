package io.handoff.routing.assignment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Dispatch} decided for one lead.
 *
 * @param lead where it stands now ({@code null}: routing keeps nothing of it)
 * @param requests what its team queues are asked, in order
 */
record Dispatched(@Nullable LeadRouting lead, List<QueueRequest> requests) {
}

package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAssigned;

/**
 * Where one lead stands in routing, kept by lead id: the assignment API answers from it.
 *
 * @param leadId the lead
 * @param state where it stands
 * @param transition the score event that last made the lead sales-ready (a transition is assigned once)
 * @param queue the team queue it waits in or was assigned from
 * @param requestedAt when routing was last asked for a rep
 * @param held whether the current rep still holds the lead open (not returned, no outcome)
 * @param closedBecause why the lead left routing (outcome, return to marketing)
 * @param history every assignment, oldest first: the last is the one in force ({@link #current()}), kept once
 */
record LeadRouting(UUID leadId, State state, @Nullable UUID transition, @Nullable String queue,
		@Nullable Instant requestedAt, boolean held, @Nullable String closedBecause, List<LeadAssigned> history) {

	/** The most assignments kept per lead. */
	static final int HISTORY = 50;

	LeadRouting {
		history = List.copyOf(history);
	}

	static LeadRouting unknown(UUID leadId) {
		return new LeadRouting(leadId, State.NEW, null, null, null, false, null, List.of());
	}

	/** The assignment in force, if any. */
	@Nullable LeadAssigned current() {
		return this.history.isEmpty() ? null : this.history.get(this.history.size() - 1);
	}

	LeadRouting requested(@Nullable UUID transition, String queue, Instant at) {
		return new LeadRouting(this.leadId, State.WAITING, (transition != null) ? transition : this.transition, queue,
				at, this.held, null, this.history);
	}

	LeadRouting assigned(LeadAssigned assigned) {
		List<LeadAssigned> all = new ArrayList<>(this.history);
		all.add(assigned);
		if (all.size() > HISTORY) {
			all.remove(0);
		}
		boolean open = this.state != State.CLOSED;
		return new LeadRouting(this.leadId, open ? State.ASSIGNED : State.CLOSED, this.transition, assigned.team(),
				this.requestedAt, open, this.closedBecause, all);
	}

	LeadRouting released(State state, @Nullable String because) {
		return new LeadRouting(this.leadId, state, this.transition, this.queue, this.requestedAt, false, because,
				this.history);
	}

	/** Where a lead stands. */
	enum State {

		/** Routing has seen events of the lead but it never was sales-ready. */
		NEW,
		/** Waiting in a team queue for a rep. */
		WAITING,
		/** With a rep. */
		ASSIGNED,
		/** The rep sent it back; waiting for the judge. */
		RETURNED,
		/** Out of sales' hands: an outcome, or returned to marketing by ruling. */
		CLOSED

	}

}

package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadSummary;
import io.handoff.events.Lists;
import io.handoff.events.RecentIds;
import io.handoff.events.SlaEvent;

/**
 * What sales owes one assigned lead, and how far along it is: the first-touch clock with
 * its warnings, breach and ignored deadline, and the follow-up attempts owed within a
 * period.
 *
 * @param leadId the lead
 * @param repId the rep who owes the touch
 * @param team the rep's team (whose business calendar the clock runs on)
 * @param grade the lead's fit grade (whose terms apply)
 * @param assignedAt when the rep got the lead (or the judge ordered a follow-up)
 * @param firstTouchDue when the first touch is due
 * @param ignoredAt when an untouched lead counts as ignored
 * @param attemptsOwed follow-up attempts owed ...
 * @param followUpDue ... by this time
 * @param state where the clock stands
 * @param touchedAt when the rep first touched the lead
 * @param timeToFirstTouch business time from assignment to the first touch
 * @param attempts touches by the rep so far
 * @param stoppedBecause why the clock stopped, if it did
 * @param pending the steps still to come, earliest first
 * @param history every SLA event of this lead, oldest first
 * @param touches the ids of the activities counted lately, so one written twice counts
 * once
 * @param lead who the lead is, in brief, as its assignment said: for the people its steps
 * reach
 */
public record SlaClock(UUID leadId, String repId, String team, String grade, Instant assignedAt, Instant firstTouchDue,
		Instant ignoredAt, int attemptsOwed, Instant followUpDue, State state, @Nullable Instant touchedAt,
		@Nullable Duration timeToFirstTouch, int attempts, @Nullable String stoppedBecause, List<Step> pending,
		List<SlaEvent> history, List<UUID> touches, @Nullable LeadSummary lead) {

	/**
	 * The most activity ids kept to recognise an activity written twice (a retry intake
	 * took at two instances).
	 */
	static final int RECENT_TOUCHES = 32;

	public SlaClock {
		pending = Lists.copyOf(pending);
		history = Lists.copyOf(history);
		touches = Lists.copyOf(touches);
	}

	public SlaClock(UUID leadId, String repId, String team, String grade, Instant assignedAt, Instant firstTouchDue,
			Instant ignoredAt, int attemptsOwed, Instant followUpDue, State state, @Nullable Instant touchedAt,
			@Nullable Duration timeToFirstTouch, int attempts, @Nullable String stoppedBecause, List<Step> pending,
			List<SlaEvent> history) {
		this(leadId, repId, team, grade, assignedAt, firstTouchDue, ignoredAt, attemptsOwed, followUpDue, state,
				touchedAt, timeToFirstTouch, attempts, stoppedBecause, pending, history, List.of(), null);
	}

	/**
	 * Whether the activity {@code activityId} was counted already: the same activity
	 * written again counts once.
	 */
	boolean counted(UUID activityId) {
		return this.touches.contains(activityId);
	}

	/** The clock after the activity {@code activityId}, if it has one, at {@code at}. */
	SlaClock touched(@Nullable UUID activityId, Instant at, Duration businessTime) {
		SlaClock touched = touched(at, businessTime);
		if (activityId == null) {
			return touched;
		}
		return new SlaClock(touched.leadId, touched.repId, touched.team, touched.grade, touched.assignedAt,
				touched.firstTouchDue, touched.ignoredAt, touched.attemptsOwed, touched.followUpDue, touched.state,
				touched.touchedAt, touched.timeToFirstTouch, touched.attempts, touched.stoppedBecause, touched.pending,
				touched.history, RecentIds.with(this.touches, activityId, RECENT_TOUCHES), touched.lead);
	}

	private SlaClock touched(Instant at, Duration businessTime) {
		boolean first = this.touchedAt == null;
		int made = this.attempts + 1;
		List<Step> next = this.pending.stream()
			.filter((step) -> !first || step.kind() == Step.Kind.FOLLOW_UP_DUE)
			.filter((step) -> made < this.attemptsOwed || step.kind() != Step.Kind.FOLLOW_UP_DUE)
			.toList();
		State state = (this.state == State.RUNNING || this.state == State.BREACHED) ? State.TOUCHED : this.state;
		return new SlaClock(this.leadId, this.repId, this.team, this.grade, this.assignedAt, this.firstTouchDue,
				this.ignoredAt, this.attemptsOwed, this.followUpDue, state, first ? at : this.touchedAt,
				first ? businessTime : this.timeToFirstTouch, made, this.stoppedBecause, next, this.history,
				this.touches, this.lead);
	}

	/**
	 * The clock of an erased person: its steps and figures, without the person's name.
	 */
	SlaClock erased() {
		return new SlaClock(this.leadId, this.repId, this.team, this.grade, this.assignedAt, this.firstTouchDue,
				this.ignoredAt, this.attemptsOwed, this.followUpDue, this.state, this.touchedAt, this.timeToFirstTouch,
				this.attempts, this.stoppedBecause, this.pending, this.history.stream().map(SlaEvent::erased).toList(),
				this.touches, (this.lead != null) ? this.lead.anonymous() : null);
	}

	SlaClock stopped(String because) {
		return new SlaClock(this.leadId, this.repId, this.team, this.grade, this.assignedAt, this.firstTouchDue,
				this.ignoredAt, this.attemptsOwed, this.followUpDue, State.STOPPED, this.touchedAt,
				this.timeToFirstTouch, this.attempts, because, List.of(), this.history, this.touches, this.lead);
	}

	/**
	 * The clock after {@code step} fired, with the event it produced (if any) and the
	 * state it leads to.
	 */
	SlaClock after(Step step, @Nullable SlaEvent event, State next) {
		List<SlaEvent> events = new ArrayList<>(this.history);
		if (event != null) {
			events.add(event);
		}
		List<Step> rest = this.pending.stream().filter((pendingStep) -> !pendingStep.equals(step)).toList();
		return new SlaClock(this.leadId, this.repId, this.team, this.grade, this.assignedAt, this.firstTouchDue,
				this.ignoredAt, this.attemptsOwed, this.followUpDue, next, this.touchedAt, this.timeToFirstTouch,
				this.attempts, this.stoppedBecause, rest, events, this.touches, this.lead);
	}

	/**
	 * A fresh clock that keeps this one's history (a reassignment or a ruling that orders
	 * a follow-up).
	 */
	SlaClock continuedBy(SlaClock fresh) {
		List<SlaEvent> events = new ArrayList<>(this.history);
		events.addAll(fresh.history);
		return new SlaClock(fresh.leadId, fresh.repId, fresh.team, fresh.grade, fresh.assignedAt, fresh.firstTouchDue,
				fresh.ignoredAt, fresh.attemptsOwed, fresh.followUpDue, fresh.state, null, null, 0, null, fresh.pending,
				events, List.of(), (fresh.lead != null) ? fresh.lead : this.lead);
	}

	/** Whether the first touch came by its deadline. */
	public boolean touchedInTime() {
		return this.touchedAt != null && !this.touchedAt.isAfter(this.firstTouchDue);
	}

	/** Where a clock stands. */
	public enum State {

		/** Waiting for the first touch, within the agreed time. */
		RUNNING,
		/** The first touch is overdue; the manager has been told. */
		BREACHED,
		/** The rep touched the lead; follow-up attempts may still be owed. */
		TOUCHED,
		/**
		 * No touch long after the deadline: the executives were told and the lead goes to
		 * the judge.
		 */
		IGNORED,
		/**
		 * Nothing more is owed: the lead was returned, has an outcome, or went back to
		 * marketing.
		 */
		STOPPED

	}

	/**
	 * A step still to come on a clock.
	 *
	 * @param at when it falls due
	 * @param kind what happens then
	 */
	public record Step(Instant at, Kind kind) {

		/** What a step does. */
		public enum Kind {

			/** Warn the rep that the first touch is coming due. */
			WARNING,
			/** The first touch is overdue: tell the manager. */
			BREACH,
			/**
			 * Still untouched after the grace period: tell the executives; the judge
			 * opens a case.
			 */
			IGNORED,
			/** The follow-up period ends: a breach if the attempts owed were not made. */
			FOLLOW_UP_DUE,
			/**
			 * Still untouched after the agreement's reassign-after: escalate, asking
			 * routing for another rep.
			 */
			REASSIGN

		}

	}

}

package io.handoff.scoring.scores;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadErased;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Lists;
import io.handoff.events.RecentIds;
import io.handoff.events.SalesActivity;
import io.handoff.events.StageChange;

/**
 * Everything scoring knows about a lead: the lead as last received, its engagement,
 * whether the judge sent it back to marketing, what became of it, and its way down the
 * demand waterfall. Kept per lead in a state store; a lead's score is a function of it.
 *
 * @param lead the lead as last received, {@code null} while only engagement has arrived
 * @param engagements the lead's engagement, oldest first, at most
 * {@link #MAX_ENGAGEMENTS}
 * @param returnedToMarketing the ruling that sent the lead back to marketing, if any
 * @param converted whether the lead converted, {@code null} while no outcome is known
 * @param assignee the rep the lead was last assigned to, {@code null} while it is
 * marketing's: a sales rep reads the scores of their own leads only
 * @param recentEvents the ids of the latest events taken, to take each once
 * @param stages every change of the lead's stage, oldest first, at most
 * {@link #MAX_STAGES}
 * @param reviewAt when the lead is next looked at without an event (its engagement fades
 * below its stage, or the agreement recycles it), {@code null} for never; the lead's key
 * in the reviews store
 * @param earlyActivity the latest activity on a sales-ready lead by a rep it was not
 * (yet) known to be assigned to: the assignment and the touch travel on two topics, and
 * the touch may be read first; taken when the assignment to that rep is read
 * @param wonAmount the amount of the deal the lead was won in, {@code null} while none is
 * known
 */
public record LeadProfile(@Nullable LeadReceived lead, List<Engagement> engagements,
		@Nullable ReturnedToMarketing returnedToMarketing, @Nullable Boolean converted, @Nullable String assignee,
		List<UUID> recentEvents, List<StageChange> stages, @Nullable Instant reviewAt,
		@Nullable SalesActivity earlyActivity, @Nullable BigDecimal wonAmount) {

	/**
	 * The most event ids kept to recognise an event written twice (a retry intake took at
	 * two instances).
	 */
	public static final int RECENT_EVENTS = 32;

	/** The most engagement kept per lead: older engagement has faded by then. */
	public static final int MAX_ENGAGEMENTS = 200;

	/** The most stage changes kept per lead: the latest ones. */
	public static final int MAX_STAGES = 50;

	/** A profile of a lead nothing is known about yet. */
	public static final LeadProfile EMPTY = new LeadProfile(null, List.of(), null, null, null);

	public LeadProfile {
		engagements = Lists.copyOf(engagements);
		recentEvents = Lists.copyOf(recentEvents);
		stages = Lists.copyOf(stages);
	}

	public LeadProfile(@Nullable LeadReceived lead, List<Engagement> engagements,
			@Nullable ReturnedToMarketing returnedToMarketing, @Nullable Boolean converted, @Nullable String assignee) {
		this(lead, engagements, returnedToMarketing, converted, assignee, List.of(), List.of(), null, null, null);
	}

	/**
	 * Whether the event {@code eventId} was taken already: the same event written again
	 * changes nothing.
	 */
	public boolean took(UUID eventId) {
		return this.recentEvents.contains(eventId);
	}

	/** The profile having taken the event {@code eventId}. */
	public LeadProfile withTaken(UUID eventId) {
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, this.converted, this.assignee,
				RecentIds.with(this.recentEvents, eventId, RECENT_EVENTS), this.stages, this.reviewAt,
				this.earlyActivity, this.wonAmount);
	}

	public LeadProfile withLead(LeadReceived received) {
		return new LeadProfile(received, this.engagements, this.returnedToMarketing, this.converted, this.assignee,
				this.recentEvents, this.stages, this.reviewAt, this.earlyActivity, this.wonAmount);
	}

	public LeadProfile withEngagement(Engagement engagement) {
		List<Engagement> all = new ArrayList<>(this.engagements);
		int at = all.size();
		while (at > 0 && all.get(at - 1).at().isAfter(engagement.at())) {
			at--;
		}
		all.add(at, engagement);
		if (all.size() > MAX_ENGAGEMENTS) {
			all.subList(0, all.size() - MAX_ENGAGEMENTS).clear();
		}
		return new LeadProfile(this.lead, all, this.returnedToMarketing, this.converted, this.assignee,
				this.recentEvents, this.stages, this.reviewAt, this.earlyActivity, this.wonAmount);
	}

	public LeadProfile withReturnedToMarketing(ReturnedToMarketing ruling) {
		return new LeadProfile(this.lead, this.engagements, ruling, this.converted, this.assignee, this.recentEvents,
				this.stages, this.reviewAt, this.earlyActivity, this.wonAmount);
	}

	public LeadProfile withConverted(boolean outcome) {
		return withOutcome(outcome, null);
	}

	/**
	 * The profile with what became of the lead: converted or not, and the amount of a won
	 * deal where one is given.
	 */
	public LeadProfile withOutcome(boolean converted, @Nullable BigDecimal amount) {
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, converted, this.assignee,
				this.recentEvents, this.stages, this.reviewAt, this.earlyActivity,
				(amount != null) ? amount : (converted ? this.wonAmount : null));
	}

	public LeadProfile withAssignee(@Nullable String repId) {
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, this.converted, repId,
				this.recentEvents, this.stages, this.reviewAt, this.earlyActivity, this.wonAmount);
	}

	/**
	 * The profile keeping {@code activity} until the lead's assignment to its rep is
	 * read, or none.
	 */
	public LeadProfile withEarlyActivity(@Nullable SalesActivity activity) {
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, this.converted, this.assignee,
				this.recentEvents, this.stages, this.reviewAt, activity, this.wonAmount);
	}

	/** The profile with {@code change} as its latest stage change. */
	public LeadProfile withStage(StageChange change) {
		List<StageChange> all = new ArrayList<>(this.stages);
		all.add(change);
		if (all.size() > MAX_STAGES) {
			all.subList(0, all.size() - MAX_STAGES).clear();
		}
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, this.converted, this.assignee,
				this.recentEvents, all, this.reviewAt, this.earlyActivity, this.wonAmount);
	}

	public LeadProfile withReviewAt(@Nullable Instant at) {
		return new LeadProfile(this.lead, this.engagements, this.returnedToMarketing, this.converted, this.assignee,
				this.recentEvents, this.stages, at, this.earlyActivity, this.wonAmount);
	}

	/**
	 * The lead back with marketing as if new: its engagement reset, no rep, no ruling;
	 * what it was and what became of it (the outcome, the stages) are kept for the record
	 * and for calibration.
	 */
	public LeadProfile recycled() {
		return new LeadProfile(this.lead, List.of(), null, this.converted, null, this.recentEvents, this.stages,
				this.reviewAt, null, this.wonAmount);
	}

	/**
	 * The profile of an erased person: the lead without its personal fields
	 * ({@link LeadReceived#anonymous()}), no activity kept for later, no review due, the
	 * judge's and reps' words gone; its engagement (types and times), stages and scores
	 * stay, so the figures add up.
	 */
	public LeadProfile erased() {
		return new LeadProfile((this.lead != null) ? this.lead.anonymous() : null, this.engagements,
				(this.returnedToMarketing != null) ? this.returnedToMarketing.erased() : null, this.converted,
				this.assignee, this.recentEvents,
				this.stages.stream().map((change) -> change.erased(Waterfall.SYSTEM.contains(change.by()))).toList(),
				null, null, this.wonAmount);
	}

	/**
	 * The stage the lead is in, as its latest change says; {@code null} before its first.
	 */
	public @Nullable Stage stage() {
		return this.stages.isEmpty() ? null : this.stages.get(this.stages.size() - 1).stage();
	}

	/**
	 * The first change that put the lead in {@code stage} within {@code [from, to)},
	 * {@code null} for none.
	 */
	public @Nullable StageChange entered(Stage stage, Instant from, Instant to) {
		for (StageChange change : this.stages) {
			if (change.stage() == stage && !change.at().isBefore(from) && change.at().isBefore(to)) {
				return change;
			}
		}
		return null;
	}

	/**
	 * The latest stage change that recorded the lead's grade (the grade under the
	 * agreement then in force), {@code null} for a lead whose changes were kept before
	 * grades were.
	 */
	public @Nullable StageChange lastGraded() {
		for (int i = this.stages.size() - 1; i >= 0; i--) {
			if (this.stages.get(i).grade() != null) {
				return this.stages.get(i);
			}
		}
		return null;
	}

	/** The latest stage change, {@code null} before the first. */
	public @Nullable StageChange lastChange() {
		return this.stages.isEmpty() ? null : this.stages.get(this.stages.size() - 1);
	}

	/** Whether the lead engaged again after the judge sent it back to marketing. */
	public boolean reEngagedAfterReturn() {
		return this.returnedToMarketing != null && !this.engagements.isEmpty()
				&& this.engagements.get(this.engagements.size() - 1).at().isAfter(this.returnedToMarketing.at());
	}

	/**
	 * One engagement.
	 *
	 * @param type the engagement type
	 * @param at when it happened
	 */
	public record Engagement(String type, Instant at) {
	}

	/**
	 * The judge's ruling that sent a lead back to marketing.
	 *
	 * @param caseId the case
	 * @param reason the judge's reason
	 * @param judge who ruled
	 * @param at when
	 */
	public record ReturnedToMarketing(UUID caseId, String reason, String judge, Instant at) {

		ReturnedToMarketing erased() {
			return new ReturnedToMarketing(this.caseId, LeadErased.ERASED, this.judge, this.at);
		}

	}

}

package io.handoff.scoring.scores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.SalesActivity;
import io.handoff.events.streams.DueTimes;
import io.handoff.events.streams.LeadProcessor;

/**
 * Keeps what scoring knows of each lead ({@link ScoringTopology#PROFILES_STORE}), its
 * latest score and its next review, carries out what {@link Rescoring} decides, and
 * publishes each score with the time and headers of the record that caused it. Every
 * review tick it looks again at the leads due.
 */
final class ScoreKeeper extends LeadProcessor<LeadScored> {

	private static final Logger logger = LoggerFactory.getLogger(ScoreKeeper.class);

	private final Clock clock;

	private final Duration reviewTick;

	private KeyValueStore<String, LatestScore> scores;

	private KeyValueStore<String, LeadProfile> profiles;

	private DueTimes reviews;

	private @Nullable CompiledAgreement compiled;

	ScoreKeeper(Clock clock, MeterRegistry meters, Duration reviewTick) {
		super(meters);
		this.clock = clock;
		this.reviewTick = reviewTick;
	}

	@Override
	protected void open() {
		this.scores = store(ScoringTopology.SCORES_STORE);
		this.profiles = store(ScoringTopology.PROFILES_STORE);
		this.reviews = new DueTimes(store(ScoringTopology.REVIEWS_STORE));
		// Registered at zero, so a week with no lead reaching a stage reads 0, not "no
		// such metric".
		for (Stage stage : Stage.values()) {
			if (stage != Stage.UNKNOWN) {
				counter("handoff.leads.entered-stage", "stage", stage.name());
			}
		}
		counter("handoff.leads.faded");
		counter("handoff.leads.recycled");
		// Wall-clock time: engagement fades and periods end when no record arrives. The
		// time is the clock's, the one every score is taken at.
		every(this.reviewTick, (tick) -> reviewDue(this.clock.instant()));
	}

	/**
	 * An erased person's events are not kept: those about the person forgotten (written
	 * before the erasure, read after it) and their engagement are dropped; what sales
	 * does with the lead later still moves it, without anyone's words about the person. A
	 * new inquiry after the erasure starts the lead from nothing.
	 */
	@Override
	protected @Nullable Object seen(String leadId, Object event) {
		Long erasedAt = erased().erasedAt(leadId);
		if (erasedAt == null) {
			return event;
		}
		if (event instanceof LeadReceived again && again.occurredAt().toEpochMilli() > erasedAt) {
			erased().forget(leadId);
			this.profiles.delete(leadId);
			this.scores.delete(leadId);
			return event;
		}
		if (LeadErased.before(event, erasedAt) || event instanceof LeadReceived
				|| event instanceof EngagementRecorded) {
			return null;
		}
		return LeadErased.anonymized(event);
	}

	@Override
	protected void takeEvent(String leadId, Object event, long timestamp) {
		LeadProfile before = this.profiles.get(leadId);
		LeadProfile profile = (before != null) ? before : LeadProfile.EMPTY;
		UUID eventId = (event instanceof LeadReceived lead) ? lead.eventId()
				: (event instanceof EngagementRecorded engagement) ? engagement.eventId() : null;
		if (eventId != null && profile.took(eventId)) {
			// The same event written twice (a retry intake took at two instances):
			// nothing changes.
			counter("handoff.leads.duplicates").increment();
			return;
		}
		if (eventId != null) {
			profile = profile.withTaken(eventId);
		}
		Stage current = current(profile, leadId);
		Rescoring.Taken taken = Rescoring.take(leadId, profile, current, event, this::agreement);
		profile = taken.profile();
		if (profile.lead() != null && (taken.rescore() || taken.move() != null)) {
			profile = publish(leadId, profile, current, taken.move(), taken.rescore(), taken.by(), false, timestamp);
		}
		else if (profile.lead() != null) {
			profile = scheduled(leadId, profile, current);
		}
		if (event instanceof LeadAssigned assigned && profile.earlyActivity() != null) {
			profile = takeEarly(leadId, profile, assigned, timestamp);
		}
		this.profiles.put(leadId, profile);
	}

	/**
	 * The person is forgotten here at once: the profile and score keep no personal field
	 * or person's words, no review stays due, and nothing is published (it would carry
	 * the lead).
	 */
	@Override
	protected void erase(LeadErased erasure) {
		String leadId = erasure.leadId().toString();
		LeadProfile profile = this.profiles.get(leadId);
		if (profile != null) {
			if (profile.reviewAt() != null) {
				this.reviews.delete(profile.reviewAt(), leadId);
			}
			this.profiles.put(leadId, profile.erased());
		}
		LatestScore latest = this.scores.get(leadId);
		if (latest != null) {
			this.scores.put(leadId, latest.erased());
		}
		counter("handoff.leads.erased").increment();
	}

	/**
	 * The activity read before the lead's assignment to its rep, taken now that it is (if
	 * it was theirs).
	 */
	private LeadProfile takeEarly(String leadId, LeadProfile profile, LeadAssigned assigned, long timestamp) {
		SalesActivity early = profile.earlyActivity();
		LeadProfile taken = profile.withEarlyActivity(null);
		Stage now = current(taken, leadId);
		Waterfall.Move accepted = Rescoring.early(taken, now, early, assigned, agreement());
		return (accepted != null) ? publish(leadId, taken, now, accepted, false, accepted.by(), false, timestamp)
				: taken;
	}

	/** The lead's stage: its latest change, else its score's (from before changes). */
	private @Nullable Stage current(LeadProfile profile, String leadId) {
		if (profile.stage() != null) {
			return profile.stage();
		}
		LatestScore previous = (profile.lead() != null) ? this.scores.get(leadId) : null;
		return (previous != null) ? previous.stage() : null;
	}

	/**
	 * Publishes the lead's score, if {@link Rescoring#publish} gives one, with
	 * {@code timestamp} and the headers of the record that caused it. Returns the profile
	 * with the change of stage, if any, and its next review.
	 */
	private LeadProfile publish(String leadId, LeadProfile profile, @Nullable Stage current,
			Waterfall.@Nullable Move move, boolean rescore, String by, boolean faded, long timestamp) {
		// An erased person's last score is kept, not scored again; no other lead's is
		// read.
		LatestScore kept = erased().erased(leadId) ? this.scores.get(leadId) : null;
		Rescoring.Published published = Rescoring.publish(profile, current, move, rescore, by, faded, agreement(),
				this.clock.instant(), kept);
		if (published == null) {
			return scheduled(leadId, profile, current);
		}
		LeadScored scored = published.scored();
		this.scores.put(leadId, LatestScore.of(scored));
		counter("handoff.leads.scored", "stage", scored.stage().name()).increment();
		if (published.changed()) {
			// Leads, not scores: each lead once per stage it enters (a re-score in the
			// same stage is not one).
			counter("handoff.leads.entered-stage", "stage", scored.stage().name()).increment();
		}
		forward(leadId, scored, timestamp);
		return scheduled(leadId, published.profile(), scored.stage());
	}

	/** The profile with its next review, kept in the reviews store under that moment. */
	private LeadProfile scheduled(String leadId, LeadProfile profile, @Nullable Stage stage) {
		Instant next = Rescoring.nextReview(profile, stage, this::agreement, this.clock.instant());
		if (Objects.equals(next, profile.reviewAt())) {
			return profile;
		}
		if (profile.reviewAt() != null) {
			this.reviews.delete(profile.reviewAt(), leadId);
		}
		if (next != null) {
			this.reviews.put(next, leadId, leadId);
		}
		return profile.withReviewAt(next);
	}

	/** Looks again at the leads due by {@code now}: earliest first, so many a tick. */
	private void reviewDue(Instant now) {
		for (DueTimes.Due entry : this.reviews.due(now, ScoringTopology.MAX_REVIEWS_PER_TICK)) {
			this.reviews.delete(entry.at(), entry.id());
			try {
				review(entry.value(), entry.at().toEpochMilli(), now);
			}
			catch (StreamsException streams) {
				// The task moved or its state failed: Kafka Streams deals with it, not
				// this loop.
				throw streams;
			}
			catch (RuntimeException failed) {
				// One lead that cannot be looked at (no agreement in force, say) does not
				// stop the others, and is looked at again later.
				Instant again = now.plus(ScoringTopology.REVIEW_RETRY);
				try {
					retryReview(entry.value(), again);
				}
				catch (RuntimeException retry) {
					failed.addSuppressed(retry);
				}
				counter("handoff.leads.review-failures").increment();
				logger.atWarn()
					.addKeyValue("leadId", entry.value())
					.setCause(failed)
					.log("Could not review lead {} (again at {}): {}", entry.value(), again, failed.getMessage());
			}
		}
	}

	/** The lead's review again at {@code at}, after one failed. */
	private void retryReview(String leadId, Instant at) {
		LeadProfile profile = this.profiles.get(leadId);
		if (profile != null) {
			this.reviews.put(at, leadId, leadId);
			this.profiles.put(leadId, profile.withReviewAt(at));
		}
	}

	/**
	 * A lead due at {@code dueMillis}: recycled if its period is over, else re-scored as
	 * its engagement faded.
	 */
	private void review(String leadId, long dueMillis, Instant now) {
		LeadProfile profile = this.profiles.get(leadId);
		if (profile == null || profile.reviewAt() == null || profile.reviewAt().toEpochMilli() != dueMillis
				|| profile.lead() == null) {
			// Rescheduled since (an event came first): its current review is the one that
			// counts.
			return;
		}
		profile = profile.withReviewAt(null);
		Stage current = current(profile, leadId);
		Rescoring.Review review = Rescoring.review(profile, current, agreement(), now);
		if (review.recycle() != null) {
			profile = publish(leadId, profile.recycled(), current, review.recycle(), false, review.recycle().by(),
					false, now.toEpochMilli());
			counter("handoff.leads.recycled").increment();
		}
		else if (review.faded()) {
			profile = publish(leadId, profile, current, null, true, Waterfall.SCORING, true, now.toEpochMilli());
			counter("handoff.leads.faded").increment();
		}
		else {
			profile = scheduled(leadId, profile, current);
		}
		this.profiles.put(leadId, profile);
	}

	/** The agreement in force now, compiled once per version. */
	private CompiledAgreement agreement() {
		LeadAgreement active = agreementInForce();
		if (active == null) {
			throw new IllegalStateException("No agreement is in force: the agreements topic has no record keyed '"
					+ LeadAgreement.ACTIVE_KEY + "'");
		}
		if (this.compiled == null || this.compiled.agreement() != active) {
			this.compiled = CompiledAgreement.of(active);
		}
		return this.compiled;
	}

}

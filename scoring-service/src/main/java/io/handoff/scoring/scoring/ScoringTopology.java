package io.handoff.scoring.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;

/**
 * The scoring topology: every lead received, every engagement and every ruling that returns a lead to marketing
 * re-scores the lead against the agreement in force at that moment, and the score is published with the stage the
 * lead came from, so routing acts once per transition. The lead's stage follows the demand waterfall
 * ({@link Waterfall}): assignments, the rep's activities and returns, the judge's rulings and the outcomes move it,
 * each move published with who made it and why. A wall-clock punctuator looks again at each lead whose engagement
 * fades below its stage or whom the agreement recycles, when it is due, from a store keyed by that moment.
 */
@Configuration(proxyBeanMethods = false)
public class ScoringTopology {

	/**
	 * The latest score of every lead without the lead itself ({@link LatestScore}), keyed by lead id: the previous
	 * stage and the score API (with the lead from {@link #PROFILES_STORE}) read it.
	 */
	public static final String SCORES_STORE = "lead-scores";

	/** What scoring knows of every lead, keyed by lead id: the preview and calibration read it. */
	public static final String PROFILES_STORE = "lead-profiles";

	/**
	 * The leads to look at again without an event, keyed by {@link StateStores#epochKey when} and lead id, the value
	 * the lead id: each lead at most once, at its profile's {@link LeadProfile#reviewAt()}.
	 */
	public static final String REVIEWS_STORE = "lead-reviews";

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	/** The topics the topology reads, besides the agreements. */
	public static final String INPUTS = "leads.received,leads.engagement,arbitration.rulings,leads.outcomes,"
			+ "leads.assigned,sales.activities,leads.returned,leads.erasures";

	/** How often the leads due a review are looked at, unless {@code handoff.scoring.review-tick} says otherwise. */
	public static final Duration REVIEW_TICK = Duration.ofSeconds(30);

	/** How long after a failed review a lead is looked at again. */
	static final Duration REVIEW_RETRY = Duration.ofMinutes(5);

	/** The most leads reviewed per tick and task: the rest wait for the next tick. */
	static final int MAX_REVIEWS_PER_TICK = 1_000;

	private static final Logger logger = LoggerFactory.getLogger(ScoringTopology.class);

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, LeadScored>> score(
			Clock clock, MeterRegistry meters, @Value("${handoff.scoring.review-tick:30s}") Duration reviewTick) {
		return (events, agreements) -> score(events, clock, meters, reviewTick);
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; the agreements are read from the global store
	 * {@link #AGREEMENTS_STORE}.
	 */
	public static KStream<String, LeadScored> score(KStream<String, Object> events, Clock clock, MeterRegistry meters,
			Duration reviewTick) {
		// Score each lead where its partition lives; the key (lead id) stays, and nothing downstream needs it
		// repartitioned: the scores go straight to leads.scored.
		return events.process(new ScoreLead(clock, meters, reviewTick));
	}

	@Bean
	Serde<LeadScored> leadScoredSerde() {
		return Topics.LEADS_SCORED.valueSerde();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private record ScoreLead(Clock clock, MeterRegistry meters,
			Duration reviewTick) implements ProcessorSupplier<String, Object, String, LeadScored> {

		@Override
		public Processor<String, Object, String, LeadScored> get() {
			return new Processor<>() {

				private ProcessorContext<String, LeadScored> context;

				private KeyValueStore<String, LatestScore> scores;

				private KeyValueStore<String, LeadProfile> profiles;

				private KeyValueStore<String, String> reviews;

				private KeyValueStore<String, Long> erased;

				private KeyValueStore<String, Object> agreements;

				private @Nullable CompiledAgreement compiled;

				@Override
				public void init(ProcessorContext<String, LeadScored> context) {
					this.context = context;
					this.scores = context.getStateStore(SCORES_STORE);
					this.profiles = context.getStateStore(PROFILES_STORE);
					this.reviews = context.getStateStore(REVIEWS_STORE);
					this.erased = context.getStateStore(LeadErased.STORE);
					this.agreements = context.getStateStore(AGREEMENTS_STORE);
					// Registered at zero, so a week with no lead reaching a stage reads 0, not "no such metric".
					for (LeadScored.Stage stage : LeadScored.Stage.values()) {
						if (stage != LeadScored.Stage.UNKNOWN) {
							meters().counter("handoff.leads.entered-stage", "stage", stage.name());
						}
					}
					meters().counter("handoff.leads.faded");
					meters().counter("handoff.leads.recycled");
					// Wall-clock time: engagement fades and periods end when no record arrives. The time is the clock's,
					// the one every score is taken at.
					context.schedule(reviewTick(), PunctuationType.WALL_CLOCK_TIME,
							(tick) -> reviewDue(clock().instant()));
				}

				@Override
				public void process(Record<String, Object> record) {
					String leadId = record.key();
					Object event = record.value();
					if (event instanceof LeadErased erasure) {
						erase(leadId, erasure);
						return;
					}
					Long erasedAt = this.erased.get(leadId);
					if (erasedAt != null && event != null) {
						if (event instanceof LeadReceived again && again.occurredAt().toEpochMilli() > erasedAt) {
							// The person came back after being forgotten: a new inquiry, from nothing.
							this.erased.delete(leadId);
							this.profiles.delete(leadId);
							this.scores.delete(leadId);
						}
						else if (LeadErased.before(event, erasedAt) || event instanceof LeadReceived
								|| event instanceof EngagementRecorded) {
							// About the person forgotten (written before the erasure, read after it), or their
							// engagement: nothing of it is kept. What sales does with the lead later still moves it.
							return;
						}
						else {
							// Later, and still without anyone's words about the person (a judge's reason, a note).
							event = LeadErased.anonymized(event);
						}
					}
					LeadProfile before = this.profiles.get(leadId);
					LeadProfile profile = (before != null) ? before : LeadProfile.EMPTY;
					UUID eventId = (event instanceof LeadReceived lead) ? lead.eventId()
							: (event instanceof EngagementRecorded engagement) ? engagement.eventId() : null;
					if (eventId != null && profile.took(eventId)) {
						// The same event written twice (a retry intake took at two instances): nothing changes.
						meters().counter("handoff.leads.duplicates").increment();
						return;
					}
					if (eventId != null) {
						profile = profile.withTaken(eventId);
					}
					LeadScored.Stage current = current(profile, leadId);
					boolean rescore = false;
					String by = Waterfall.SCORING;
					Waterfall.Move move = null;
					if (event instanceof LeadReceived lead) {
						if (lead.leadId() == null) {
							throw new IllegalArgumentException(
									"A lead without leadId cannot be scored: intake names every lead");
						}
						if (!lead.leadId().toString().equals(leadId)) {
							throw new IllegalArgumentException("A lead must be keyed by its leadId; got key " + leadId
									+ " for leadId " + lead.leadId());
						}
						profile = profile.withLead(lead);
						rescore = true;
					}
					else if (event instanceof EngagementRecorded engagement) {
						profile = profile
							.withEngagement(new LeadProfile.Engagement(engagement.type(), engagement.occurredAt()));
						rescore = true;
					}
					else if (event instanceof Ruling ruling) {
						if (ruling.decision() == Ruling.Decision.RETURN_TO_MARKETING) {
							// Back with marketing: the rep who had it no longer reads it.
							profile = profile.withReturnedToMarketing(new LeadProfile.ReturnedToMarketing(
									ruling.caseId(), ruling.reason(), ruling.judge(), ruling.occurredAt()))
								.withAssignee(null);
							rescore = true;
							by = ruling.judge();
						}
						move = Waterfall.ruled(current, beforeReturn(profile), ruling);
					}
					else if (event instanceof LeadAssigned assigned) {
						// Whose lead it is decides who may read its score; the score itself does not change.
						profile = profile.withAssignee(assigned.repId());
						move = Waterfall.assigned(current, assigned.repId());
					}
					else if (event instanceof LeadOutcome outcome) {
						profile = profile.withOutcome(outcome.outcome() != LeadOutcome.Outcome.LOST, outcome.amount());
						move = Waterfall.outcome(current, outcome);
					}
					else if (event instanceof SalesActivity activity) {
						move = Waterfall.worked(current, profile.assignee(), activity,
								activeAgreement().agreement().stages().acceptedBy());
						if (move == null && current == LeadScored.Stage.SALES_READY
								&& !activity.repId().equals(profile.assignee())) {
							// Perhaps the rep's assignment is still to be read (another topic): kept until it is.
							profile = profile.withEarlyActivity(activity);
						}
					}
					else if (event instanceof LeadReturned returned) {
						move = Waterfall.returned(current, profile.assignee(), returned,
								activeAgreement().agreement().returnReason(returned.reasonCode()));
					}
					else {
						throw new IllegalArgumentException("Scoring does not read "
								+ ((event != null) ? event.getClass().getSimpleName() : "an empty record"));
					}
					if (profile.lead() != null && (rescore || move != null)) {
						profile = publish(leadId, profile, current, move, rescore, by, false, record);
					}
					else if (profile.lead() != null) {
						profile = scheduled(leadId, profile, current);
					}
					if (event instanceof LeadAssigned assigned && profile.earlyActivity() != null) {
						profile = takeEarly(leadId, profile, assigned, record);
					}
					this.profiles.put(leadId, profile);
				}

				/**
				 * The person is forgotten here at once: the profile and score keep no personal field or person's
				 * words, no review stays due, and nothing is published (it would carry the lead). Events about the
				 * lead read later are dropped, unless the person comes back with a new inquiry.
				 */
				private void erase(String leadId, LeadErased erasure) {
					LeadProfile profile = this.profiles.get(leadId);
					if (profile != null) {
						if (profile.reviewAt() != null) {
							this.reviews.delete(reviewKey(profile.reviewAt(), leadId));
						}
						this.profiles.put(leadId, profile.erased());
					}
					LatestScore latest = this.scores.get(leadId);
					if (latest != null) {
						this.scores.put(leadId, latest.erased());
					}
					this.erased.put(leadId, erasure.occurredAt().toEpochMilli());
					meters().counter("handoff.leads.erased").increment();
				}

				/** The activity read before the lead's assignment to its rep, taken now that it is (if it was theirs). */
				private LeadProfile takeEarly(String leadId, LeadProfile profile, LeadAssigned assigned,
						Record<String, ?> cause) {
					SalesActivity early = profile.earlyActivity();
					profile = profile.withEarlyActivity(null);
					if (profile.lead() == null || !early.repId().equals(assigned.repId())
							|| early.occurredAt().isBefore(assigned.occurredAt())) {
						// Another rep's, or from before this assignment (a touch of an earlier one): it accepts nothing.
						return profile;
					}
					LeadScored.Stage now = current(profile, leadId);
					Waterfall.Move accepted = Waterfall.worked(now, profile.assignee(), early,
							activeAgreement().agreement().stages().acceptedBy());
					return (accepted != null)
							? publish(leadId, profile, now, accepted, false, accepted.by(), false, cause) : profile;
				}

				/** The lead's stage: its latest change, or, for a lead scored before stages were kept, its score's. */
				private LeadScored.@Nullable Stage current(LeadProfile profile, String leadId) {
					if (profile.stage() != null) {
						return profile.stage();
					}
					LatestScore previous = (profile.lead() != null) ? this.scores.get(leadId) : null;
					return (previous != null) ? previous.stage() : null;
				}

				/** The stage a returned lead was in before its rep sent it back. */
				private static LeadScored.@Nullable Stage beforeReturn(LeadProfile profile) {
					LeadProfile.StageChange last = profile.lastChange();
					return (last != null && last.stage() == LeadScored.Stage.RETURNED) ? last.from() : null;
				}

				/**
				 * Scores the lead now and publishes its score: in the stage {@code move} takes it to, or the one its
				 * scores give where they decide; a move that changes nothing publishes nothing. The score goes with
				 * the time and headers of {@code cause}, the record (or the review tick) that caused it. Returns the
				 * profile with the change of stage, if any, and its next review.
				 */
				private LeadProfile publish(String leadId, LeadProfile profile, LeadScored.@Nullable Stage current,
						Waterfall.@Nullable Move move, boolean rescore, String by, boolean faded, Record<String, ?> cause) {
					CompiledAgreement agreement = activeAgreement();
					Instant now = clock().instant();
					LatestScore last = this.scores.get(leadId);
					// An erased lead is not scored again (what made its score is gone): it keeps its last scores.
					LeadScorer.Score score = (last != null && this.erased.get(leadId) != null) ? last.asScore()
							: LeadScorer.score(agreement, profile, now);
					LeadScored.Stage stage = (move != null) ? move.stage()
							: Waterfall.scored(current, profile.assignee(), score.stage());
					boolean changed = stage != current;
					if (move != null && !changed && !rescore) {
						return scheduled(leadId, profile, current);
					}
					LeadAgreement terms = agreement.agreement();
					String why = (move != null) ? move.why()
							: (stage == score.stage()) ? ((faded ? "engagement faded: " : "") + score.stageReason())
									: kept(profile, stage, score);
					String who = (move != null) ? move.by() : by;
					LeadScored scored = new LeadScored(UUID.randomUUID(), now, profile.lead().leadId(), profile.lead(),
							score.fit(), score.engagement(), score.grade(), stage, current, terms.agreementId(),
							terms.version(), score.explanation(), why, changed ? who : null);
					this.scores.put(leadId, LatestScore.of(scored));
					meters().counter("handoff.leads.scored", "stage", stage.name()).increment();
					if (changed) {
						profile = profile.withStage(new LeadProfile.StageChange(stage, current, now, who, why, score.grade(),
								terms.version()));
						// Leads, not scores: each lead once per stage it enters (a re-score in the same stage is not one).
						meters().counter("handoff.leads.entered-stage", "stage", stage.name()).increment();
					}
					// The cause's headers (its trace context among them) go on with the score.
					this.context.forward(new Record<>(leadId, scored, cause.timestamp(), cause.headers()));
					return scheduled(leadId, profile, stage);
				}

				/** Why a lead whose scores no longer decide its stage is still in it: its latest move, and its scores. */
				private static String kept(LeadProfile profile, LeadScored.Stage stage, LeadScorer.Score score) {
					LeadProfile.StageChange last = profile.lastChange();
					String move = (last != null && last.stage() == stage) ? last.why() : stage.name().toLowerCase(java.util.Locale.ROOT);
					return move + " (the scores alone would make it " + score.stage() + ": " + score.stageReason() + ")";
				}

				/** The profile with its next review, kept in the reviews store under that moment. */
				private LeadProfile scheduled(String leadId, LeadProfile profile, LeadScored.@Nullable Stage stage) {
					Instant next = null;
					if (stage != null && profile.lead() != null) {
						CompiledAgreement agreement = activeAgreement();
						LeadProfile.StageChange last = profile.lastChange();
						next = Waterfall.recyclesAt(stage, (last != null) ? last.at() : null,
								agreement.agreement().stages());
						if (next == null && Waterfall.fades(stage, profile.assignee())) {
							next = LeadScorer.fadesAt(agreement, profile, stage, clock().instant());
						}
					}
					if (java.util.Objects.equals(next, profile.reviewAt())) {
						return profile;
					}
					if (profile.reviewAt() != null) {
						this.reviews.delete(reviewKey(profile.reviewAt(), leadId));
					}
					if (next != null) {
						this.reviews.put(reviewKey(next, leadId), leadId);
					}
					return profile.withReviewAt(next);
				}

				/** Looks again at each lead due by {@code now}: a bounded number per tick, the earliest first. */
				private void reviewDue(Instant now) {
					List<KeyValue<String, String>> due = new ArrayList<>();
					try (KeyValueIterator<String, String> it = this.reviews.range(StateStores.epochKey(0),
							StateStores.epochKey(now.toEpochMilli()) + '~')) {
						while (it.hasNext() && due.size() < MAX_REVIEWS_PER_TICK) {
							due.add(it.next());
						}
					}
					for (KeyValue<String, String> entry : due) {
						this.reviews.delete(entry.key);
						try {
							review(entry.value, Long.parseLong(entry.key.substring(0, 20)), now);
						}
						catch (org.apache.kafka.streams.errors.StreamsException streams) {
							// The task moved or its state failed: Kafka Streams deals with it, not this loop.
							throw streams;
						}
						catch (RuntimeException failed) {
							// One lead that cannot be looked at (no agreement in force, say) does not stop the others,
							// and is looked at again later.
							try {
								retryReview(entry.value, now.plus(REVIEW_RETRY));
							}
							catch (RuntimeException again) {
								failed.addSuppressed(again);
							}
							meters().counter("handoff.leads.review-failures").increment();
							logger.atWarn()
								.addKeyValue("leadId", entry.value)
								.setCause(failed)
								.log("Could not review lead {} (again at {}): {}", entry.value, now.plus(REVIEW_RETRY),
										failed.getMessage());
						}
					}
				}

				/** The lead's review again at {@code at}, after one failed. */
				private void retryReview(String leadId, Instant at) {
					LeadProfile profile = this.profiles.get(leadId);
					if (profile != null) {
						this.reviews.put(reviewKey(at, leadId), leadId);
						this.profiles.put(leadId, profile.withReviewAt(at));
					}
				}

				/** A lead due at {@code dueMillis}: recycled if its period is over, else re-scored as its engagement faded. */
				private void review(String leadId, long dueMillis, Instant now) {
					LeadProfile profile = this.profiles.get(leadId);
					if (profile == null || profile.reviewAt() == null || profile.reviewAt().toEpochMilli() != dueMillis
							|| profile.lead() == null) {
						// Rescheduled since (an event came first): its current review is the one that counts.
						return;
					}
					profile = profile.withReviewAt(null);
					LeadScored.Stage current = current(profile, leadId);
					LeadProfile.StageChange last = profile.lastChange();
					Waterfall.Move recycle = Waterfall.recycled(current, (last != null) ? last.at() : null,
							activeAgreement().agreement().stages(), now);
					if (recycle != null) {
						profile = publish(leadId, profile.recycled(), current, recycle, false, recycle.by(), false,
								new Record<>(leadId, null, now.toEpochMilli()));
						meters().counter("handoff.leads.recycled").increment();
					}
					else if (Waterfall.fades(current, profile.assignee())) {
						LeadScored.Stage placed = LeadScorer.score(activeAgreement(), profile, now).stage();
						if (Waterfall.scored(current, profile.assignee(), placed) != current) {
							profile = publish(leadId, profile, current, null, true, Waterfall.SCORING, true,
									new Record<>(leadId, null, now.toEpochMilli()));
							meters().counter("handoff.leads.faded").increment();
						}
						else {
							profile = scheduled(leadId, profile, current);
						}
					}
					else {
						profile = scheduled(leadId, profile, current);
					}
					this.profiles.put(leadId, profile);
				}

				/** The agreement in force now, compiled once per version. */
				private CompiledAgreement activeAgreement() {
					LeadAgreement active = AgreementSerde.inForce(this.agreements);
					if (active == null) {
						throw new IllegalStateException("No agreement is in force: the agreements topic has no record "
								+ "keyed '" + LeadAgreement.ACTIVE_KEY + "'");
					}
					if (this.compiled == null || this.compiled.agreement() != active) {
						this.compiled = CompiledAgreement.of(active);
					}
					return this.compiled;
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					StateStores.keyValue(SCORES_STORE, LeadEventsJson.serde(LatestScore.class)),
					StateStores.keyValue(PROFILES_STORE, LeadEventsJson.serde(LeadProfile.class)),
					StateStores.keyValue(REVIEWS_STORE, Serdes.String()), LeadErased.store());
		}

	}

	/** The key of a lead's review at {@code at} in {@link #REVIEWS_STORE}. */
	static String reviewKey(Instant at, String leadId) {
		return StateStores.epochKey(at.toEpochMilli()) + leadId;
	}

}

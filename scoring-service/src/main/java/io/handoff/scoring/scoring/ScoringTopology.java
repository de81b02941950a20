package io.handoff.scoring.scoring;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;

/**
 * The scoring topology: every lead received, every engagement and every ruling that returns a lead to marketing
 * re-scores the lead against the agreement in force at that moment, and the score is published with the stage the
 * lead came from, so routing acts once per transition. Outcomes are kept for calibration.
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

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	/** The topics the topology reads, besides the agreements. */
	public static final String INPUTS = "leads.received,leads.engagement,arbitration.rulings,leads.outcomes,"
			+ "leads.assigned";

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, LeadScored>> score(
			Clock clock, MeterRegistry meters) {
		return (events, agreements) -> score(events, clock, meters);
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; the agreements are read from the global store
	 * {@link #AGREEMENTS_STORE}.
	 */
	public static KStream<String, LeadScored> score(KStream<String, Object> events, Clock clock, MeterRegistry meters) {
		// Score each lead where its partition lives; the key (lead id) stays, so nothing is repartitioned.
		return events.processValues(new ScoreLead(clock, meters));
	}

	@Bean
	Serde<LeadScored> leadScoredSerde() {
		return Topics.LEADS_SCORED.valueSerde();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private record ScoreLead(Clock clock,
			MeterRegistry meters) implements FixedKeyProcessorSupplier<String, Object, LeadScored> {

		@Override
		public FixedKeyProcessor<String, Object, LeadScored> get() {
			return new FixedKeyProcessor<>() {

				private FixedKeyProcessorContext<String, LeadScored> context;

				private KeyValueStore<String, LatestScore> scores;

				private KeyValueStore<String, LeadProfile> profiles;

				private KeyValueStore<String, Object> agreements;

				private @Nullable CompiledAgreement compiled;

				@Override
				public void init(FixedKeyProcessorContext<String, LeadScored> context) {
					this.context = context;
					this.scores = context.getStateStore(SCORES_STORE);
					this.profiles = context.getStateStore(PROFILES_STORE);
					this.agreements = context.getStateStore(AGREEMENTS_STORE);
					// Registered at zero, so a week with no lead reaching a stage reads 0, not "no such metric".
					for (LeadScored.Stage stage : LeadScored.Stage.values()) {
						meters().counter("handoff.leads.entered-stage", "stage", stage.name());
					}
				}

				@Override
				public void process(FixedKeyRecord<String, Object> record) {
					String leadId = record.key();
					LeadProfile before = this.profiles.get(leadId);
					LeadProfile profile = (before != null) ? before : LeadProfile.EMPTY;
					boolean rescore;
					Object event = record.value();
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
						rescore = profile.lead() != null;
					}
					else if (event instanceof Ruling ruling) {
						if (ruling.decision() != Ruling.Decision.RETURN_TO_MARKETING) {
							return;
						}
						// Back with marketing: the rep who had it no longer reads it.
						profile = profile.withReturnedToMarketing(new LeadProfile.ReturnedToMarketing(ruling.caseId(),
								ruling.reason(), ruling.judge(), ruling.occurredAt())).withAssignee(null);
						rescore = profile.lead() != null;
					}
					else if (event instanceof LeadAssigned assigned) {
						// Whose lead it is decides who may read its score; the score itself does not change.
						profile = profile.withAssignee(assigned.repId());
						rescore = false;
					}
					else if (event instanceof LeadOutcome outcome) {
						profile = profile.withConverted(outcome.outcome() != LeadOutcome.Outcome.LOST);
						rescore = false;
					}
					else {
						throw new IllegalArgumentException("Scoring does not read "
								+ ((event != null) ? event.getClass().getSimpleName() : "an empty record"));
					}
					this.profiles.put(leadId, profile);
					if (rescore) {
						rescore(record, leadId, profile);
					}
				}

				private void rescore(FixedKeyRecord<String, Object> record, String leadId, LeadProfile profile) {
					CompiledAgreement agreement = activeAgreement();
					java.time.Instant now = clock().instant();
					LeadScorer.Score score = LeadScorer.score(agreement, profile, now);
					LatestScore previous = this.scores.get(leadId);
					LeadAgreement terms = agreement.agreement();
					LeadScored scored = new LeadScored(UUID.randomUUID(), now, profile.lead().leadId(),
							profile.lead(), score.fit(), score.engagement(), score.grade(), score.stage(),
							(previous != null) ? previous.stage() : null, terms.agreementId(), terms.version(),
							score.explanation(), score.stageReason());
					this.scores.put(leadId, LatestScore.of(scored));
					meters().counter("handoff.leads.scored", "stage", scored.stage().name()).increment();
					if (previous == null || previous.stage() != scored.stage()) {
						// Leads, not scores: each lead once per stage it enters (a re-score in the same stage is not one).
						meters().counter("handoff.leads.entered-stage", "stage", scored.stage().name()).increment();
					}
					this.context.forward(record.withValue(scored));
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
					StateStores.keyValue(PROFILES_STORE, LeadEventsJson.serde(LeadProfile.class)));
		}

	}

}

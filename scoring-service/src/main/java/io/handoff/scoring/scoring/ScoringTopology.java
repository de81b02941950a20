package io.handoff.scoring.scoring;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Topics;
import io.handoff.scoring.agreement.ActiveAgreement;

/**
 * The scoring topology: every lead received is scored against the agreement in force, and the score is published
 * with the stage the lead came from, so routing acts once per transition.
 */
@Configuration(proxyBeanMethods = false)
public class ScoringTopology {

	/** The latest score of every lead, keyed by lead id: the previous stage and the score API read it. */
	public static final String SCORES_STORE = "lead-scores";

	@Bean
	public Function<KStream<String, LeadReceived>, KStream<String, LeadScored>> score(ActiveAgreement agreement,
			Clock clock, MeterRegistry meters) {
		return score(agreement::get, clock, meters);
	}

	/** The topology function itself, free of Spring so a test driver can run it. */
	public static Function<KStream<String, LeadReceived>, KStream<String, LeadScored>> score(
			java.util.function.Supplier<LeadAgreement> agreement, Clock clock, MeterRegistry meters) {
		// Score each lead where its partition lives; the key (lead id) stays, so nothing is repartitioned.
		return (leads) -> leads.processValues(new ScoreLead(agreement, clock, meters));
	}

	@Bean
	Serde<LeadReceived> leadReceivedSerde() {
		return Topics.LEADS_RECEIVED.valueSerde();
	}

	@Bean
	Serde<LeadScored> leadScoredSerde() {
		return Topics.LEADS_SCORED.valueSerde();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private record ScoreLead(java.util.function.Supplier<LeadAgreement> agreement, Clock clock,
			MeterRegistry meters) implements FixedKeyProcessorSupplier<String, LeadReceived, LeadScored> {

		@Override
		public FixedKeyProcessor<String, LeadReceived, LeadScored> get() {
			return new FixedKeyProcessor<>() {

				private FixedKeyProcessorContext<String, LeadScored> context;

				private KeyValueStore<String, LeadScored> scores;

				@Override
				public void init(FixedKeyProcessorContext<String, LeadScored> context) {
					this.context = context;
					this.scores = context.getStateStore(SCORES_STORE);
				}

				@Override
				public void process(FixedKeyRecord<String, LeadReceived> record) {
					LeadReceived lead = record.value();
					if (lead == null || lead.leadId() == null) {
						throw new IllegalArgumentException("A lead without leadId cannot be scored: intake names every lead");
					}
					LeadAgreement terms = agreement().get();
					LeadScorer.Score score = LeadScorer.score(terms, lead);
					LeadScored previous = this.scores.get(record.key());
					LeadScored scored = new LeadScored(UUID.randomUUID(), clock().instant(), lead.leadId(), lead,
							score.fit(), 0, score.grade(), score.stage(), (previous != null) ? previous.stage() : null,
							terms.agreementId(), terms.version(), score.explanation());
					this.scores.put(record.key(), scored);
					meters().counter("handoff.leads.scored", "stage", scored.stage().name()).increment();
					this.context.forward(record.withValue(scored));
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCORES_STORE), Serdes.String(),
					Topics.LEADS_SCORED.valueSerde()));
		}

	}

}

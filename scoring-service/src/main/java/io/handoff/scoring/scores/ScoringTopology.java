package io.handoff.scoring.scores;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;
import io.handoff.events.streams.KeyedProcessor;
import io.handoff.events.streams.TopologyWiring;

/**
 * The scoring topology: every lead received, every engagement and every ruling that
 * returns a lead to marketing re-scores the lead against the agreement in force at that
 * moment, and the score is published with the stage the lead came from, so routing acts
 * once per transition. The lead's stage follows the demand waterfall ({@link Waterfall}):
 * assignments, the rep's activities and returns, the judge's rulings and the outcomes
 * move it, each move published with who made it and why. A wall-clock punctuator looks
 * again at each lead whose engagement fades below its stage or whom the agreement
 * recycles, when it is due, from a store keyed by that moment.
 */
@Configuration(proxyBeanMethods = false)
public class ScoringTopology {

	/**
	 * The latest score of every lead without the lead itself ({@link LatestScore}), keyed
	 * by lead id: the previous stage and the score API (with the lead from
	 * {@link #PROFILES_STORE}) read it.
	 */
	public static final String SCORES_STORE = "lead-scores";

	/**
	 * What scoring knows of every lead, keyed by lead id: the preview and calibration
	 * read it.
	 */
	public static final String PROFILES_STORE = "lead-profiles";

	/**
	 * The leads to look at again without an event, keyed by {@link StateStores#epochKey
	 * when} and lead id, the value the lead id: each lead at most once, at its profile's
	 * {@link LeadProfile#reviewAt()}.
	 */
	public static final String REVIEWS_STORE = "lead-reviews";

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	/**
	 * What the function {@code score} reads and writes: scoring-service.yml binds the
	 * same (ScoringTopologyTests).
	 */
	public static final TopologyWiring<LeadScored> WIRING = new TopologyWiring<>("score",
			List.of(Topics.LEADS_RECEIVED, Topics.LEADS_ENGAGEMENT, Topics.ARBITRATION_RULINGS, Topics.LEADS_OUTCOMES,
					Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED, Topics.LEADS_ERASURES),
			Topics.LEADS_SCORED);

	/**
	 * How often the leads due a review are looked at, unless
	 * {@code handoff.scoring.review-tick} says otherwise.
	 */
	public static final Duration REVIEW_TICK = Duration.ofSeconds(30);

	/** How long after a failed review a lead is looked at again. */
	static final Duration REVIEW_RETRY = Duration.ofMinutes(5);

	/** The most leads reviewed per tick and task: the rest wait for the next tick. */
	static final int MAX_REVIEWS_PER_TICK = 1_000;

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, LeadScored>> score(
			Clock clock, MeterRegistry meters, @Value("${handoff.scoring.review-tick:30s}") Duration reviewTick) {
		return (events, agreements) -> score(events, clock, meters, reviewTick);
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; the agreements are
	 * read from the global store {@link #AGREEMENTS_STORE}.
	 */
	public static KStream<String, LeadScored> score(KStream<String, Object> events, Clock clock, MeterRegistry meters,
			Duration reviewTick) {
		// Score each lead where its partition lives; the key (lead id) stays, and nothing
		// downstream needs it repartitioned: the scores go straight to leads.scored.
		return events.process(KeyedProcessor.withStores(() -> new ScoreKeeper(clock, meters, reviewTick),
				StateStores.keyValue(SCORES_STORE, LeadEventsJson.serde(LatestScore.class)),
				StateStores.keyValue(PROFILES_STORE, LeadEventsJson.serde(LeadProfile.class)),
				StateStores.keyValue(REVIEWS_STORE, Serdes.String()), LeadErased.store()));
	}

	@Bean
	Serde<LeadScored> leadScoredSerde() {
		return Topics.LEADS_SCORED.valueSerde();
	}

}

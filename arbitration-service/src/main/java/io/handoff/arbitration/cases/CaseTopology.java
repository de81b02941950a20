package io.handoff.arbitration.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.CaseEscalated;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Ruling;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;
import io.handoff.events.streams.InputEnds;
import io.handoff.events.streams.KeyedProcessor;
import io.handoff.events.streams.LeadProcessor;
import io.handoff.events.streams.PolledInputEnds;
import io.handoff.events.streams.TopologyWiring;

/**
 * The case topology: every event about a lead that the judge may need is kept as its
 * evidence; a lead that sales ignored or sent back for an agreed reason opens a case; the
 * judge's rulings close cases; and a case left unruled past the agreement's
 * {@code rulingWithin} is escalated to the executives. A return read before the
 * assignment it follows waits for it (the service takes each record as it comes,
 * {@code max.task.idle.ms} -1).
 */
@Configuration(proxyBeanMethods = false)
public class CaseTopology {

	/** Every case by case id. */
	public static final String CASES_STORE = "cases";

	/**
	 * Returns read before the assignment they follow, by lead
	 * ({@code LeadProcessor.holdEarly}).
	 */
	public static final String EARLY_STORE = "early-returns";

	/** Returns that opened no case, by the return's event id. */
	public static final String REFUSED_RETURNS_STORE = "refused-returns";

	/** The evidence of every lead but its score, by lead id. */
	public static final String EVIDENCE_STORE = "evidence";

	/**
	 * The latest score of every lead that has been sales-ready, by lead id: the rest of
	 * its evidence (a lead that never reached sales has no case and needs none).
	 */
	public static final String SCORES_STORE = "evidence-scores";

	/**
	 * What the function {@code openCases} reads (the evidence and the rulings the judge
	 * submits, all keyed by lead, so one lead's events meet in one task) and writes:
	 * arbitration-service.yml binds the same (CaseTopologyTests).
	 */
	public static final TopologyWiring<CaseEscalated> WIRING = new TopologyWiring<>("openCases",
			List.of(Topics.LEADS_SCORED, Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.SLA_EVENTS,
					Topics.LEADS_RETURNED, Topics.ARBITRATION_SUBMISSIONS, Topics.LEADS_ERASURES),
			Topics.ARBITRATION_ESCALATIONS);

	/** How often returns held for their assignment are looked at. */
	static final Duration EARLY_TICK = Duration.ofSeconds(1);

	/**
	 * The longest a return waits for its assignment when the broker cannot say where
	 * {@code leads.assigned} ends: then it is refused or taken all the same.
	 */
	static final Duration EARLY_WAIT = Duration.ofMinutes(10);

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, CaseEscalated>> openCases(
			MeterRegistry meters, @Value("${handoff.arbitration.escalation-check:PT10S}") Duration check,
			InputEnds inputEnds) {
		return (events, agreements) -> openCases(events, meters, check, inputEnds);
	}

	/**
	 * Where {@code leads.assigned} ends, asked of the broker every second: a return read
	 * before the assignment it follows waits until arbitration has read that far (at most
	 * {@link #EARLY_WAIT}).
	 */
	@Bean
	PolledInputEnds inputEnds(KafkaProperties kafka,
			@Value("${handoff.streams.application-id-prefix:handoff}") String prefix) {
		// The Streams application id (arbitration-service.yml) is its consumer group's
		// id.
		return new PolledInputEnds(kafka.buildAdminProperties(), List.of(Topics.LEADS_ASSIGNED),
				prefix + "-arbitration", EARLY_TICK, EARLY_WAIT, Clock.systemUTC());
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; it reads
	 * {@link #AGREEMENTS_STORE}, checks every {@code check} for cases past their ruling
	 * time, and writes each case's one ruling to {@code arbitration.rulings} (in the same
	 * transaction as the case it closes).
	 */
	public static KStream<String, CaseEscalated> openCases(KStream<String, Object> events, MeterRegistry meters,
			Duration check, InputEnds inputEnds) {
		// Gather the evidence, open the cases, take each case's first ruling and escalate
		// what the judge leaves too long.
		KStream<String, Object> decided = events
			.process(KeyedProcessor.withStores(() -> new CaseKeeper(meters, check, inputEnds),
					StateStores.keyValue(CASES_STORE, LeadEventsJson.serde(Case.class)),
					StateStores.keyValue(EVIDENCE_STORE, LeadEventsJson.serde(Evidence.class)),
					StateStores.keyValue(SCORES_STORE, Topics.LEADS_SCORED.valueSerde()),
					StateStores.keyValue(REFUSED_RETURNS_STORE, LeadEventsJson.serde(RefusedReturn.class)),
					LeadProcessor.earlyStore(EARLY_STORE), LeadErased.store()));
		decided.filter((lead, event) -> event instanceof Ruling)
			.mapValues(Ruling.class::cast)
			.to(Topics.ARBITRATION_RULINGS.name(),
					Produced.with(Topics.ARBITRATION_RULINGS.keySerde(), Topics.ARBITRATION_RULINGS.valueSerde()));
		return decided.filter((lead, event) -> event instanceof CaseEscalated).mapValues(CaseEscalated.class::cast);
	}

	@Bean
	Serde<CaseEscalated> caseEscalatedSerde() {
		return Topics.ARBITRATION_ESCALATIONS.valueSerde();
	}

}

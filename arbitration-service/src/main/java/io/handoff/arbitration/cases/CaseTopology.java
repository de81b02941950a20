package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.CaseEscalated;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topic;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;

/**
 * The case topology: every event about a lead that the judge may need is kept as its evidence; a lead that sales
 * ignored or sent back for an agreed reason opens a case; the judge's rulings close cases; and a case left unruled
 * past the agreement's {@code rulingWithin} is escalated to the executives.
 */
@Configuration(proxyBeanMethods = false)
public class CaseTopology {

	/** Every case by case id. */
	public static final String CASES_STORE = "cases";

	/** Returns that opened no case, by the return's event id. */
	public static final String REFUSED_RETURNS_STORE = "refused-returns";

	/** The evidence of every lead but its score, by lead id. */
	public static final String EVIDENCE_STORE = "evidence";

	/**
	 * The latest score of every lead that has been sales-ready, by lead id: the rest of its evidence (a lead that
	 * never reached sales has no case and needs none).
	 */
	public static final String SCORES_STORE = "evidence-scores";

	/**
	 * The topics the topology reads besides the agreements: the evidence and the rulings the judge submits; all keyed
	 * by lead, so one lead's events meet in one task.
	 */
	public static final java.util.List<Topic<?>> INPUT_TOPICS = java.util.List.of(Topics.LEADS_SCORED,
			Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.SLA_EVENTS, Topics.LEADS_RETURNED,
			Topics.ARBITRATION_SUBMISSIONS, Topics.LEADS_ERASURES);

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, CaseEscalated>> openCases(
			MeterRegistry meters, @Value("${handoff.arbitration.escalation-check:PT10S}") Duration check) {
		return (events, agreements) -> openCases(events, meters, check);
	}

	/**
	 * The topology itself, free of Spring so a test driver can run it; it reads {@link #AGREEMENTS_STORE}, checks
	 * every {@code check} for cases past their ruling time, and writes each case's one ruling to
	 * {@code arbitration.rulings} (in the same transaction as the case it closes).
	 */
	public static KStream<String, CaseEscalated> openCases(KStream<String, Object> events, MeterRegistry meters,
			Duration check) {
		// Gather the evidence, open the cases, take each case's first ruling and escalate what the judge leaves too
		// long.
		KStream<String, Object> decided = events.process(new OpenCase(meters, check));
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

	private record OpenCase(MeterRegistry meters,
			Duration check) implements ProcessorSupplier<String, Object, String, Object> {

		@Override
		public Processor<String, Object, String, Object> get() {
			return new Processor<>() {

				private ProcessorContext<String, Object> context;

				private KeyValueStore<String, Object> agreements;

				private KeyValueStore<String, Case> cases;

				private KeyValueStore<String, Evidence> evidence;

				private KeyValueStore<String, LeadScored> scores;

				private KeyValueStore<String, RefusedReturn> refused;

				/** The leads erased: their later events are taken without the person. */
				private KeyValueStore<String, Long> erased;

				@Override
				public void init(ProcessorContext<String, Object> context) {
					this.context = context;
					this.agreements = context.getStateStore(AGREEMENTS_STORE);
					this.cases = context.getStateStore(CASES_STORE);
					// Wall-clock time: a ruling comes due whether or not events arrive.
					context.schedule(check(), PunctuationType.WALL_CLOCK_TIME,
							(now) -> escalateOverdue(Instant.ofEpochMilli(now)));
					this.evidence = context.getStateStore(EVIDENCE_STORE);
					this.scores = context.getStateStore(SCORES_STORE);
					this.refused = context.getStateStore(REFUSED_RETURNS_STORE);
					this.erased = context.getStateStore(LeadErased.STORE);
					// Registered at zero, so dashboards and alerts see "none yet" rather than "no such metric".
					for (Ruling.Decision decision : Ruling.Decision.values()) {
						meters().counter("handoff.rulings", "decision", decision.name());
					}
					meters().counter("handoff.cases.escalated");
					meters().counter("handoff.returns.refused");
				}

				/**
				 * The person is forgotten: their evidence, score, cases and refused returns keep what happened and
				 * when, not who they are or what was written about them. Cases and refused returns are found by a
				 * scan of this task's (an erasure is rare).
				 */
				private void erase(java.util.UUID leadId) {
					Evidence known = this.evidence.get(leadId.toString());
					if (known != null) {
						this.evidence.put(leadId.toString(), known.erased());
					}
					LeadScored score = this.scores.get(leadId.toString());
					if (score != null) {
						this.scores.put(leadId.toString(), score.erased());
					}
					java.util.List<Case> cases = new java.util.ArrayList<>();
					try (KeyValueIterator<String, Case> all = this.cases.all()) {
						all.forEachRemaining((entry) -> {
							if (entry.value.leadId().equals(leadId)) {
								cases.add(entry.value);
							}
						});
					}
					cases.forEach((found) -> this.cases.put(found.caseId().toString(), found.erased()));
					java.util.List<KeyValue<String, RefusedReturn>> refusedReturns = new java.util.ArrayList<>();
					try (KeyValueIterator<String, RefusedReturn> all = this.refused.all()) {
						all.forEachRemaining((entry) -> {
							if (entry.value.returned().leadId().equals(leadId)) {
								refusedReturns.add(entry);
							}
						});
					}
					refusedReturns.forEach((entry) -> this.refused.put(entry.key,
							new RefusedReturn(entry.value.returned().erased(), entry.value.reason())));
				}

				@Override
				public void process(Record<String, Object> record) {
					if (record.value() instanceof RulingSubmitted submitted) {
						rule(submitted, record.timestamp());
						return;
					}
					if (record.value() instanceof LeadErased erasure) {
						erase(erasure.leadId());
						this.erased.put(record.key(), erasure.occurredAt().toEpochMilli());
						return;
					}
					Long erasedAt = (record.value() != null) ? this.erased.get(record.key()) : null;
					if (erasedAt != null && LeadErased.before(record.value(), erasedAt)) {
						// Written before the lead's erasure, read after it: taken without the person.
						record = record.withValue(LeadErased.anonymized(record.value()));
					}
					if (record.value() instanceof LeadScored scored) {
						LeadScored kept = this.scores.get(record.key());
						// Only a lead that reached sales can come before the judge: its scores are kept from its
						// first sales-ready one on (and every later one, down as well as up), no other lead's.
						if (kept != null || scored.stage() == LeadScored.Stage.SALES_READY) {
							if (Evidence.latest(kept, scored) != kept) {
								this.scores.put(record.key(), scored);
							}
							// Every score from then on stays in the lead's evidence, with the rules that fired.
							Evidence known = this.evidence.get(record.key());
							Evidence before = (known != null) ? known : Evidence.none();
							Evidence after = before.withScore(scored);
							if (after != before) {
								this.evidence.put(record.key(), after);
							}
						}
						return;
					}
					Evidence known = this.evidence.get(record.key());
					Evidence before = (known != null) ? known : Evidence.none();
					LeadAgreement agreement = AgreementSerde.inForce(this.agreements);
					Duration rulingWithin = (agreement != null) ? agreement.rulingWithin() : null;
					if (record.value() instanceof LeadReturned returned) {
						String refusal = refusal(before, returned);
						if (refusal != null) {
							this.refused.put(returned.eventId().toString(), new RefusedReturn(returned, refusal));
							meters().counter("handoff.returns.refused").increment();
							return;
						}
						open(Case.returned(returned,
								LeadAgreement.agreedReturn(agreement, returned.reasonCode()), rulingWithin), before);
					}
					this.evidence.put(record.key(), before.with(record.value()));
					if (record.value() instanceof SlaEvent event && event.type() == SlaEvent.Type.IGNORED) {
						open(Case.ignored(event, rulingWithin), before);
					}
				}

				/**
				 * Why a return opens no case, or {@code null}: only the lead's assignee may send it back. (A return
				 * for a reason the agreement does not list opens a case of its own: the lead stays with its rep.)
				 */
				private static @Nullable String refusal(Evidence evidence, LeadReturned returned) {
					if (evidence.assignment() == null) {
						return "lead " + returned.leadId() + " was never assigned, so no rep may return it";
					}
					if (!evidence.assignment().repId().equals(returned.repId())) {
						return "lead " + returned.leadId() + " is assigned to " + evidence.assignment().repId()
								+ ", not to " + returned.repId() + "; only the assigned rep may return it";
					}
					return null;
				}

				/**
				 * Takes the first ruling submitted for an open case: closes the case and publishes the ruling for the
				 * other services to carry out. A case is ruled once: a later submission, from whichever instance the
				 * judge reached, changes nothing.
				 */
				private void rule(RulingSubmitted submitted, long timestamp) {
					Case ruled = this.cases.get(submitted.caseId().toString());
					if (ruled == null || ruled.status() == Case.Status.RULED || !ruled.leadId().equals(submitted.leadId())) {
						meters().counter("handoff.rulings.ignored").increment();
						return;
					}
					Ruling ruling = submitted.ruling();
					// The case of a person erased meanwhile keeps the decision, not the judge's words about them.
					this.cases.put(ruled.caseId().toString(), ruled.ruled(
							(this.erased.get(submitted.leadId().toString()) != null) ? ruling.erased() : ruling));
					this.context.forward(new Record<>(submitted.leadId().toString(), ruling, timestamp));
					meters().counter("handoff.rulings", "decision", ruling.decision().name()).increment();
				}

				/** Escalates the open cases past their ruling time to the executives, once each. */
				private void escalateOverdue(Instant now) {
					List<Case> overdue = new ArrayList<>();
					try (KeyValueIterator<String, Case> all = this.cases.all()) {
						all.forEachRemaining((entry) -> {
							Case open = entry.value;
							if (open.status() == Case.Status.OPEN && open.escalatedAt() == null && open.rulingDue() != null
									&& !open.rulingDue().isAfter(now)) {
								overdue.add(open);
							}
						});
					}
					for (Case open : overdue) {
						this.cases.put(open.caseId().toString(), open.escalated(now));
						CaseEscalated escalation = new CaseEscalated(LeadIds.nameBased("escalation:" + open.caseId()), now,
								open.leadId(), open.caseId(), open.repId(), open.cause().name(), open.openedAt(),
								open.rulingDue());
						this.context.forward(new Record<>(open.leadId().toString(), escalation, now.toEpochMilli()));
						meters().counter("handoff.cases.escalated").increment();
					}
				}

				private void open(Case opened, Evidence known) {
					if (this.cases.putIfAbsent(opened.caseId().toString(), opened) == null) {
						String team = (known.assignment() != null) ? known.assignment().team() : "unknown";
						String reason = (opened.returned() != null) ? opened.returned().reasonCode() : "none";
						meters().counter("handoff.cases.opened", "cause", opened.cause().name(), "team", team, "reason",
								reason).increment();
					}
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					StateStores.keyValue(CASES_STORE, LeadEventsJson.serde(Case.class)),
					StateStores.keyValue(EVIDENCE_STORE, LeadEventsJson.serde(Evidence.class)),
					StateStores.keyValue(SCORES_STORE, Topics.LEADS_SCORED.valueSerde()),
					StateStores.keyValue(REFUSED_RETURNS_STORE, LeadEventsJson.serde(RefusedReturn.class)),
					LeadErased.store());
		}

	}

}

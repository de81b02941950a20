package io.handoff.arbitration.cases;

import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReturned;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * The case topology: every event about a lead that the judge may need is kept as its evidence, and a lead that
 * sales ignored or sent back opens a case.
 */
@Configuration(proxyBeanMethods = false)
public class CaseTopology {

	/** Every case by case id. */
	public static final String CASES_STORE = "cases";

	/** Returns that opened no case, by the return's event id. */
	public static final String REFUSED_RETURNS_STORE = "refused-returns";

	/** The evidence of every lead, by lead id. */
	public static final String EVIDENCE_STORE = "evidence";

	/** The topics the evidence comes from; all keyed by lead, so one lead's events meet in one task. */
	public static final java.util.List<Topic<?>> EVIDENCE_TOPICS = java.util.List.of(Topics.LEADS_SCORED,
			Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.SLA_EVENTS, Topics.LEADS_RETURNED);

	@Bean
	public Consumer<KStream<String, Object>> openCases(MeterRegistry meters) {
		return (events) -> openCases(events, meters);
	}

	/** The topology itself, free of Spring so a test driver can run it. */
	public static void openCases(KStream<String, Object> events, MeterRegistry meters) {
		// Gather the evidence and open the cases, lead by lead.
		events.process(new OpenCase(meters));
	}

	private record OpenCase(MeterRegistry meters) implements ProcessorSupplier<String, Object, Void, Void> {

		@Override
		public Processor<String, Object, Void, Void> get() {
			return new Processor<>() {

				private KeyValueStore<String, Case> cases;

				private KeyValueStore<String, Evidence> evidence;

				private KeyValueStore<String, RefusedReturn> refused;

				@Override
				public void init(ProcessorContext<Void, Void> context) {
					this.cases = context.getStateStore(CASES_STORE);
					this.evidence = context.getStateStore(EVIDENCE_STORE);
					this.refused = context.getStateStore(REFUSED_RETURNS_STORE);
				}

				@Override
				public void process(Record<String, Object> record) {
					Evidence known = this.evidence.get(record.key());
					Evidence before = (known != null) ? known : Evidence.none();
					if (record.value() instanceof LeadReturned returned) {
						String refusal = refusal(before, returned);
						if (refusal != null) {
							this.refused.put(returned.eventId().toString(), new RefusedReturn(returned, refusal));
							meters().counter("handoff.returns.refused").increment();
							return;
						}
						open(Case.returned(returned));
					}
					this.evidence.put(record.key(), before.with(record.value()));
					if (record.value() instanceof SlaEvent event && event.type() == SlaEvent.Type.IGNORED) {
						open(Case.ignored(event));
					}
				}

				/** Why a return opens no case, or {@code null}: only the lead's assignee may send it back. */
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

				private void open(Case opened) {
					if (this.cases.putIfAbsent(opened.caseId().toString(), opened) == null) {
						meters().counter("handoff.cases.opened", "cause", opened.cause().name()).increment();
					}
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES_STORE), Serdes.String(),
							LeadEventsJson.serde(Case.class)),
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVIDENCE_STORE), Serdes.String(),
							LeadEventsJson.serde(Evidence.class)),
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REFUSED_RETURNS_STORE), Serdes.String(),
							LeadEventsJson.serde(RefusedReturn.class)));
		}

	}

}

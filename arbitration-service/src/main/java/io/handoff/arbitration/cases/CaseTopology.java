package io.handoff.arbitration.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
import io.handoff.events.Topics;

/**
 * The case topology: every SLA event is kept as evidence for its lead, and a lead that sales ignored or returned
 * opens a case with that evidence.
 */
@Configuration(proxyBeanMethods = false)
public class CaseTopology {

	/** Every case by case id. */
	public static final String CASES_STORE = "cases";

	/** The SLA events of every lead so far, by lead id: the evidence a case starts with. */
	public static final String SLA_HISTORY_STORE = "sla-history";

	@Bean
	public BiConsumer<KStream<String, SlaEvent>, KStream<String, LeadReturned>> openCases(MeterRegistry meters) {
		return (slaEvents, returns) -> openCases(slaEvents, returns, meters);
	}

	/** The topology itself, free of Spring so a test driver can run it. */
	public static void openCases(KStream<String, SlaEvent> slaEvents, KStream<String, LeadReturned> returns,
			MeterRegistry meters) {
		// Both streams are keyed by lead: a lead's SLA history and its cases are decided in one task.
		slaEvents.<Object>mapValues((event) -> event)
			.merge(returns.mapValues((returned) -> (Object) returned))
			.process(new OpenCase(meters));
	}

	@Bean
	Serde<LeadReturned> leadReturnedSerde() {
		return Topics.LEADS_RETURNED.valueSerde();
	}

	@Bean
	Serde<SlaEvent> slaEventSerde() {
		return Topics.SLA_EVENTS.valueSerde();
	}

	private record OpenCase(MeterRegistry meters) implements ProcessorSupplier<String, Object, Void, Void> {

		@Override
		public Processor<String, Object, Void, Void> get() {
			return new Processor<>() {

				private KeyValueStore<String, Case> cases;

				private KeyValueStore<String, SlaHistory> histories;

				@Override
				public void init(ProcessorContext<Void, Void> context) {
					this.cases = context.getStateStore(CASES_STORE);
					this.histories = context.getStateStore(SLA_HISTORY_STORE);
				}

				@Override
				public void process(Record<String, Object> record) {
					if (record.value() instanceof SlaEvent event) {
						List<SlaEvent> events = new ArrayList<>(history(event.leadId().toString()));
						events.add(event);
						this.histories.put(event.leadId().toString(), new SlaHistory(events));
						if (event.type() == SlaEvent.Type.IGNORED) {
							open(Case.ignored(event, events));
						}
					}
					else if (record.value() instanceof LeadReturned returned) {
						open(Case.returned(returned, history(returned.leadId().toString())));
					}
				}

				private List<SlaEvent> history(String leadId) {
					SlaHistory history = this.histories.get(leadId);
					return (history != null) ? history.events() : List.of();
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
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_HISTORY_STORE), Serdes.String(),
							LeadEventsJson.serde(SlaHistory.class)));
		}

	}

	/**
	 * The SLA events of one lead.
	 *
	 * @param events oldest first
	 */
	record SlaHistory(List<SlaEvent> events) {
	}

}

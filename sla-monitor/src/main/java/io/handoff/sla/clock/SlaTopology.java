package io.handoff.sla.clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;

/**
 * The SLA topology: an assignment starts a first-touch clock, a touch by the assigned rep stops it, and a wall-clock
 * punctuator fires the clocks that fall due: a breach at the deadline, the lead ignored after the grace period.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaTerms.class)
public class SlaTopology {

	/** Every clock by lead id. */
	public static final String CLOCKS_STORE = "sla-clocks";

	/** The running clocks by next deadline: {@code <epoch millis, 20 digits>|<lead id>}, so a range scan finds the due. */
	public static final String DEADLINES_STORE = "sla-deadlines";

	@Bean
	public BiFunction<KStream<String, LeadAssigned>, KStream<String, SalesActivity>, KStream<String, SlaEvent>> watch(
			SlaTerms terms, MeterRegistry meters) {
		return clocks(terms, meters);
	}

	/** The topology function itself, free of Spring so a test driver can run it. */
	public static BiFunction<KStream<String, LeadAssigned>, KStream<String, SalesActivity>, KStream<String, SlaEvent>> clocks(
			SlaTerms terms, MeterRegistry meters) {
		return (assignments, activities) -> assignments.<ClockInput>mapValues(ClockInput.Assignment::new)
			// Both streams are keyed by lead, so one lead's assignment and touches meet in one task.
			.merge(activities.mapValues(ClockInput.Touch::new))
			// Start, stop and fire the clocks.
			.process(new WatchClocks(terms, meters));
	}

	@Bean
	Serde<LeadAssigned> leadAssignedSerde() {
		return Topics.LEADS_ASSIGNED.valueSerde();
	}

	@Bean
	Serde<SalesActivity> salesActivitySerde() {
		return Topics.SALES_ACTIVITIES.valueSerde();
	}

	@Bean
	Serde<SlaEvent> slaEventSerde() {
		return Topics.SLA_EVENTS.valueSerde();
	}

	static String deadlineKey(Instant deadline, UUID leadId) {
		return String.format("%020d|%s", deadline.toEpochMilli(), leadId);
	}

	/** What moves a clock. */
	sealed interface ClockInput {

		record Assignment(LeadAssigned event) implements ClockInput {
		}

		record Touch(SalesActivity event) implements ClockInput {
		}

	}

	private record WatchClocks(SlaTerms terms, MeterRegistry meters) implements ProcessorSupplier<String, ClockInput, String, SlaEvent> {

		@Override
		public Processor<String, ClockInput, String, SlaEvent> get() {
			return new Processor<>() {

				private ProcessorContext<String, SlaEvent> context;

				private KeyValueStore<String, SlaClock> clocks;

				private KeyValueStore<String, String> deadlines;

				@Override
				public void init(ProcessorContext<String, SlaEvent> context) {
					this.context = context;
					this.clocks = context.getStateStore(CLOCKS_STORE);
					this.deadlines = context.getStateStore(DEADLINES_STORE);
					// Wall-clock time: deadlines pass even when no record arrives.
					context.schedule(terms().tick(), PunctuationType.WALL_CLOCK_TIME, (now) -> fireDue(Instant.ofEpochMilli(now)));
				}

				@Override
				public void process(Record<String, ClockInput> record) {
					if (record.value() instanceof ClockInput.Assignment assignment) {
						start(assignment.event());
					}
					else if (record.value() instanceof ClockInput.Touch touch) {
						touch(touch.event());
					}
				}

				private void start(LeadAssigned assigned) {
					SlaClock previous = this.clocks.get(assigned.leadId().toString());
					if (previous != null) {
						unschedule(previous);
					}
					Instant due = assigned.occurredAt().plus(terms().firstTouch());
					save(new SlaClock(assigned.leadId(), assigned.repId(), assigned.occurredAt(), due,
							due.plus(terms().ignoredAfter()), SlaClock.State.RUNNING, null, List.of()));
				}

				private void touch(SalesActivity activity) {
					SlaClock running = this.clocks.get(activity.leadId().toString());
					if (running == null || running.nextDeadline() == null || !running.repId().equals(activity.repId())) {
						return;
					}
					unschedule(running);
					save(running.touched(activity.occurredAt()));
				}

				private void fireDue(Instant now) {
					List<KeyValue<String, String>> due = new ArrayList<>();
					// Read up to now, a bounded amount per tick; the rest waits for the next tick.
					try (KeyValueIterator<String, String> it = this.deadlines.range(deadlineKey(Instant.EPOCH, new UUID(0, 0)),
							deadlineKey(now, new UUID(-1, -1)))) {
						while (it.hasNext() && due.size() < terms().maxPerTick()) {
							due.add(it.next());
						}
					}
					for (KeyValue<String, String> entry : due) {
						this.deadlines.delete(entry.key);
						SlaClock running = this.clocks.get(entry.value);
						if (running != null && running.nextDeadline() != null
								&& deadlineKey(running.nextDeadline(), running.leadId()).equals(entry.key)) {
							fire(running, now);
						}
					}
				}

				private void fire(SlaClock running, Instant now) {
					boolean breach = running.state() == SlaClock.State.RUNNING;
					SlaEvent event = new SlaEvent(UUID.randomUUID(), now, running.leadId(), running.repId(),
							breach ? SlaEvent.Type.BREACH : SlaEvent.Type.IGNORED, SlaEvent.Clock.FIRST_TOUCH,
							running.firstTouchDue());
					save(running.after(event, breach ? SlaClock.State.BREACHED : SlaClock.State.IGNORED));
					this.context.forward(new Record<>(running.leadId().toString(), event, now.toEpochMilli()));
					meters().counter("handoff.sla.events", "type", event.type().name()).increment();
				}

				private void save(SlaClock clock) {
					this.clocks.put(clock.leadId().toString(), clock);
					if (clock.nextDeadline() != null) {
						this.deadlines.put(deadlineKey(clock.nextDeadline(), clock.leadId()), clock.leadId().toString());
					}
				}

				private void unschedule(SlaClock clock) {
					if (clock.nextDeadline() != null) {
						this.deadlines.delete(deadlineKey(clock.nextDeadline(), clock.leadId()));
					}
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCKS_STORE), Serdes.String(),
							LeadEventsJson.serde(SlaClock.class)),
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES_STORE), Serdes.String(),
							Serdes.String()));
		}

	}

}

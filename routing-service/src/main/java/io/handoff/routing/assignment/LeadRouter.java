package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored;
import io.handoff.events.StateStores;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.streams.LeadProcessor;
import io.handoff.routing.roster.Roster;

/**
 * The first half of routing, keyed by lead: keeps each lead's {@link LeadRouting}, has
 * {@link Dispatch} decide what each event asks of the team queues, and sends those
 * requests on, keyed by team. It reads its own assignments back from
 * {@code leads.assigned}, so it always knows who holds a lead.
 */
record LeadRouter(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock,
		MeterRegistry meters) implements ProcessorSupplier<String, Object, String, QueueRequest> {

	/** Each lead's routing, by lead id: the assignment API reads it. */
	static final String STORE = "lead-routing";

	@Override
	public Processor<String, Object, String, QueueRequest> get() {
		return new Router(meters());
	}

	@Override
	public Set<StoreBuilder<?>> stores() {
		return Set.of(StateStores.keyValue(STORE, LeadEventsJson.serde(LeadRouting.class)), LeadErased.store());
	}

	private final class Router extends LeadProcessor<QueueRequest> {

		private KeyValueStore<String, LeadRouting> leads;

		Router(MeterRegistry meters) {
			super(meters);
		}

		@Override
		protected void open() {
			this.leads = store(STORE);
		}

		/**
		 * An erased person's earlier events come without them; a new inquiry after the
		 * erasure is theirs again.
		 */
		@Override
		protected @Nullable Object seen(String leadId, Object event) {
			Object seen = super.seen(leadId, event);
			if (seen == event && event instanceof LeadScored && erased().erased(leadId)) {
				erased().forget(leadId);
			}
			return seen;
		}

		@Override
		protected void takeEvent(String leadId, Object event, long timestamp) {
			LeadRouting before = this.leads.get(leadId);
			Instant now = clock().instant();
			carryOut(leadId, before, dispatch(before, now).on(UUID.fromString(leadId), event), now);
		}

		@Override
		protected void erase(LeadErased erasure) {
			String leadId = erasure.leadId().toString();
			LeadRouting before = this.leads.get(leadId);
			Instant now = clock().instant();
			carryOut(leadId, before, dispatch(before, now).erase(erasure), now);
		}

		private Dispatch dispatch(@Nullable LeadRouting lead, Instant now) {
			return new Dispatch(lead, roster().get(), calendars(), now, this::agreementInForce);
		}

		/**
		 * Keeps where the lead stands when the decision changed it (a decision answers
		 * the same instance it was given when nothing changed) and sends the requests on.
		 */
		private void carryOut(String leadId, @Nullable LeadRouting before, Dispatched decision, Instant now) {
			if (decision.lead() != null && decision.lead() != before) {
				this.leads.put(leadId, decision.lead());
			}
			decision.requests().forEach((request) -> forward(request.team(), request, now.toEpochMilli()));
		}

	}

}

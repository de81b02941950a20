package io.handoff.routing.assignment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.Account;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.SalesRep;
import io.handoff.events.Topics;
import io.handoff.routing.roster.Roster;

/**
 * The routing topology: each lead that becomes sales-ready goes to the owner of its account, or else to the next
 * available rep in round robin, with every step written into the assignment.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingTopology {

	/** Every assignment by lead id: the assignment API reads it. */
	public static final String ASSIGNMENTS_STORE = "assignments";

	/** The next round-robin position per queue. */
	public static final String ROUND_ROBIN_STORE = "round-robin";

	/** The one queue all leads wait in until teams have queues of their own. */
	static final String QUEUE = "all-reps";

	/** The topics routing reads: scores, and the judge's rulings (REASSIGN asks for another rep). */
	public static final String INPUTS = "leads.scored,arbitration.rulings";

	@Bean
	public Function<KStream<String, Object>, KStream<String, LeadAssigned>> route(Roster roster, Clock clock,
			MeterRegistry meters) {
		return route(() -> roster, clock, meters);
	}

	/** The topology function itself, free of Spring so a test driver can run it. */
	public static Function<KStream<String, Object>, KStream<String, LeadAssigned>> route(
			java.util.function.Supplier<Roster> roster, Clock clock, MeterRegistry meters) {
		return (events) -> events
			// Only the transition into SALES_READY and a ruling to reassign ask for a rep; a re-score inside the stage
			// and other rulings do not.
			.filter((leadId, event) -> (event instanceof LeadScored scored && scored.entered(Stage.SALES_READY))
					|| (event instanceof Ruling ruling && ruling.decision() == Ruling.Decision.REASSIGN))
			.mapValues((event) -> (event instanceof LeadScored scored) ? new RoutingRequest(scored, null)
					: new RoutingRequest(null, (Ruling) event))
			// One queue's order is decided in one place: every lead of the queue meets on one partition.
			.selectKey((leadId, request) -> QUEUE)
			.repartition(Repartitioned.with(Serdes.String(), LeadEventsJson.serde(RoutingRequest.class))
				.withName("routing-queue"))
			// Choose the rep and key the assignment by lead again.
			.process(new AssignRep(roster, clock, meters));
	}

	/**
	 * What the routing queue carries: a lead that became sales-ready, or a ruling that reassigns one.
	 *
	 * @param scored the score that made the lead sales-ready
	 * @param ruling the judge's ruling to reassign
	 */
	record RoutingRequest(@org.jspecify.annotations.Nullable LeadScored scored,
			@org.jspecify.annotations.Nullable Ruling ruling) {
	}

	@Bean
	Serde<LeadScored> leadScoredSerde() {
		return Topics.LEADS_SCORED.valueSerde();
	}

	@Bean
	Serde<LeadAssigned> leadAssignedSerde() {
		return Topics.LEADS_ASSIGNED.valueSerde();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private record AssignRep(java.util.function.Supplier<Roster> roster, Clock clock,
			MeterRegistry meters) implements ProcessorSupplier<String, RoutingRequest, String, LeadAssigned> {

		@Override
		public Processor<String, RoutingRequest, String, LeadAssigned> get() {
			return new Processor<>() {

				private ProcessorContext<String, LeadAssigned> context;

				private KeyValueStore<String, LeadAssigned> assignments;

				private KeyValueStore<String, Long> positions;

				@Override
				public void init(ProcessorContext<String, LeadAssigned> context) {
					this.context = context;
					this.assignments = context.getStateStore(ASSIGNMENTS_STORE);
					this.positions = context.getStateStore(ROUND_ROBIN_STORE);
				}

				@Override
				public void process(Record<String, RoutingRequest> record) {
					if (record.value().ruling() != null) {
						reassign(record.value().ruling());
						return;
					}
					LeadScored lead = record.value().scored();
					List<String> reasons = new ArrayList<>();
					Roster sales = roster().get();
					Optional<SalesRep> owner = accountOwner(sales, lead, reasons);
					LeadAssigned.Method method = owner.isPresent() ? LeadAssigned.Method.ACCOUNT_OWNER
							: LeadAssigned.Method.ROUND_ROBIN;
					SalesRep rep = owner.orElseGet(() -> nextInTurn(record.key(), sales, reasons));
					LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), clock().instant(), lead.leadId(),
							rep.repId(), rep.name(), rep.team(), method, lead.grade(), lead.agreementVersion(), reasons);
					this.assignments.put(lead.leadId().toString(), assigned);
					meters().counter("handoff.leads.assigned", "method", method.name(), "team", rep.team()).increment();
					// From intake's acceptance of the lead to its rep: the latency sales and marketing feel.
					io.micrometer.core.instrument.Timer.builder("handoff.leads.time-to-assignment")
						.description("From intake accepting a lead to its assignment")
						.publishPercentileHistogram()
						.tag("method", method.name())
						.register(meters())
						.record(java.time.Duration.between(lead.lead().occurredAt(), assigned.occurredAt()));
					this.context.forward(new Record<>(lead.leadId().toString(), assigned, record.timestamp()));
				}

				/** A ruling REASSIGN: the next rep in turn who is not the one the lead was with. */
				private void reassign(Ruling ruling) {
					LeadAssigned previous = this.assignments.get(ruling.leadId().toString());
					if (previous == null) {
						throw new IllegalStateException("Lead " + ruling.leadId()
								+ " was never assigned here, so ruling " + ruling.eventId() + " cannot reassign it");
					}
					Roster sales = roster().get();
					List<String> reasons = new ArrayList<>();
					reasons.add("reassigned by ruling of " + ruling.judge() + " on case " + ruling.caseId() + ": "
							+ ruling.reason());
					reasons.add("previously with " + previous.repName());
					SalesRep rep = null;
					for (int tries = 0; tries < sales.available().size() && rep == null; tries++) {
						List<String> turn = new ArrayList<>();
						SalesRep next = nextInTurn(QUEUE, sales, turn);
						if (!next.repId().equals(previous.repId())) {
							rep = next;
							reasons.addAll(turn);
						}
					}
					if (rep == null) {
						throw new IllegalStateException("No rep other than " + previous.repId()
								+ " is available to take lead " + ruling.leadId());
					}
					LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), clock().instant(), ruling.leadId(),
							rep.repId(), rep.name(), rep.team(), LeadAssigned.Method.REASSIGNMENT, previous.grade(),
							previous.agreementVersion(), reasons);
					this.assignments.put(ruling.leadId().toString(), assigned);
					meters().counter("handoff.leads.assigned", "method", assigned.method().name(), "team", rep.team())
						.increment();
					this.context.forward(new Record<>(ruling.leadId().toString(), assigned, clock().instant().toEpochMilli()));
				}

				private Optional<SalesRep> accountOwner(Roster sales, LeadScored lead, List<String> reasons) {
					String domain = lead.lead().company().domain();
					if (domain == null) {
						reasons.add("no company domain to match an account");
						return Optional.empty();
					}
					Optional<Account> account = sales.account(domain);
					if (account.isEmpty()) {
						reasons.add("no account matches " + domain);
						return Optional.empty();
					}
					Optional<SalesRep> owner = sales.rep(account.get().ownerRepId()).filter(SalesRep::active);
					if (owner.isEmpty()) {
						reasons.add("account " + account.get().name() + " is owned by " + account.get().ownerRepId()
								+ ", who is not available");
						return Optional.empty();
					}
					reasons.add("account " + account.get().name() + " (" + domain + ") is owned by " + owner.get().name());
					return owner;
				}

				private SalesRep nextInTurn(String queue, Roster sales, List<String> reasons) {
					List<SalesRep> available = sales.available();
					if (available.isEmpty()) {
						// Goes to the dead-letter topic with this cause; an overflow queue is #4's.
						throw new IllegalStateException("No rep is available: the roster has no active rep");
					}
					long position = Optional.ofNullable(this.positions.get(queue)).orElse(0L);
					SalesRep rep = available.get((int) (position % available.size()));
					this.positions.put(queue, position + 1);
					reasons.add("round robin: turn " + (position + 1) + " among " + available.size()
							+ " available reps went to " + rep.name());
					return rep;
				}

			};
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ASSIGNMENTS_STORE), Serdes.String(),
							Topics.LEADS_ASSIGNED.valueSerde()),
					Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUND_ROBIN_STORE), Serdes.String(),
							Serdes.Long()));
		}

	}

}

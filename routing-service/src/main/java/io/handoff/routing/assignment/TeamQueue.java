package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.SalesRep;
import io.handoff.events.StateStores;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * The second half of routing, keyed by team: one team's queue is decided on one partition, so its round robin, its
 * reps' open-lead counts and its overflow queue are consistent however many instances run. A lead no rep can take
 * waits in the team's overflow queue, first in first out, and is assigned as soon as a rep can take it: when a rep
 * frees a slot, and on every tick (reps back from leave, working hours starting, a changed roster).
 *
 * @param roster the sales organisation now
 * @param calendars the business calendars: no lead to a rep on a day off where working hours apply
 * @param clock the time of assignment
 * @param tick how often waiting leads are tried again
 * @param meters where the assignment and overflow metrics go
 * @param waiting the overflow size of each team whose task runs here now, for the gauges
 */
record TeamQueue(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock, Duration tick,
		MeterRegistry meters, Waiting waiting) implements ProcessorSupplier<String, QueueRequest, String, LeadAssigned> {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(TeamQueue.class);

	/** Each team's round-robin credits and overflow sequence, by team. */
	static final String TEAMS_STORE = "team-queues";

	/** Who holds each open lead, by lead id. */
	static final String HELD_STORE = "held-leads";

	/** Each rep's open leads, by rep id. */
	static final String OPEN_STORE = "open-leads";

	/** The overflow queues: {@code <team>|<sequence>} to the request waiting. */
	static final String OVERFLOW_STORE = "overflow";

	/** The overflow entry of each waiting lead, by lead id. */
	static final String WAITING_STORE = "overflow-index";

	/** Each team's distribution by day: {@code <team>|<yyyy-mm-dd>} to its {@link FairnessDay}. */
	static final String FAIRNESS_STORE = "routing-fairness";

	TeamQueue(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock, Duration tick,
			MeterRegistry meters) {
		this(roster, calendars, clock, tick, meters, new Waiting(meters));
	}

	@Override
	public Processor<String, QueueRequest, String, LeadAssigned> get() {
		return new Processor<>() {

			private ProcessorContext<String, LeadAssigned> context;

			private KeyValueStore<String, TeamState> teams;

			private KeyValueStore<String, String> held;

			private KeyValueStore<String, Integer> open;

			private KeyValueStore<String, QueueRequest> overflow;

			private KeyValueStore<String, String> index;

			private KeyValueStore<String, Object> agreements;

			private KeyValueStore<String, FairnessDay> fairness;

			/**
			 * How many leads wait in each of this task's teams: restored from the overflow store when the task starts,
			 * kept with it, and lent to the gauges while the task runs here (so that an empty queue is passed over
			 * without reading it).
			 */
			private final Map<String, AtomicLong> waitingHere = new HashMap<>();

			/** The request being processed: its headers (trace context among them) go on with the assignment. */
			private org.apache.kafka.common.header.Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders();

			@Override
			public void init(ProcessorContext<String, LeadAssigned> context) {
				this.context = context;
				this.teams = context.getStateStore(TEAMS_STORE);
				this.held = context.getStateStore(HELD_STORE);
				this.open = context.getStateStore(OPEN_STORE);
				this.overflow = context.getStateStore(OVERFLOW_STORE);
				this.index = context.getStateStore(WAITING_STORE);
				this.agreements = context.getStateStore(AgreementSerde.STORE);
				this.fairness = context.getStateStore(FAIRNESS_STORE);
				// Every team's gauge from the start, so "nobody waits" reads as zero rather than as no such metric.
				roster().get().teams().forEach(waiting()::register);
				try (KeyValueIterator<String, QueueRequest> all = this.overflow.all()) {
					all.forEachRemaining((entry) -> waitingIn(entry.value.team()).incrementAndGet());
				}
				context.schedule(tick(), PunctuationType.WALL_CLOCK_TIME, (now) -> drainAll());
			}

			@Override
			public void process(Record<String, QueueRequest> record) {
				this.headers = record.headers();
				QueueRequest request = record.value();
				switch (request.kind()) {
					case RELEASE -> {
						release(request.leadId(), request.repId());
						drain(request.team());
					}
					case CANCEL -> leave(request.leadId(), null);
					case ERASE -> erase(request.leadId());
					case FOLLOW_UP -> {
						Optional<SalesRep> rep = roster().get().rep(request.repId());
						if (rep.isPresent()) {
							assign(request, rep.get(), LeadAssigned.Method.FOLLOW_UP,
									List.of("follow-up: the lead goes back to " + rep.get().name()));
						}
						else {
							queue(request, List.of("follow-up: " + request.repId() + " is no longer on the roster"));
						}
					}
					case ASSIGN -> {
						Optional<SalesRep> owner = (request.repId() != null) ? roster().get().rep(request.repId())
								: Optional.empty();
						if (owner.isPresent()) {
							assign(request, owner.get(), LeadAssigned.Method.ACCOUNT_OWNER, List.of());
						}
						else {
							queue(request, List.of());
						}
					}
					case REASSIGN -> {
						release(request.leadId(), request.repId());
						queue(request, List.of());
					}
				}
			}

			/** Behind everyone already waiting in the team, or straight to a rep when nobody waits. */
			private void queue(QueueRequest request, List<String> steps) {
				if (!drain(request.team())) {
					TeamPick.Pick pick = pick(request);
					if (pick.turn() != null) {
						// A turn is counted when a rep takes the lead: here, or when it leaves the overflow queue.
						count(request.team(), pick);
						assign(request, pick.turn().rep(), method(request), concat(steps, pick.steps()));
						return;
					}
					steps = concat(steps, pick.steps());
				}
				TeamState team = team(request.team());
				String key = request.team() + "|" + String.format("%020d", team.sequence());
				this.teams.put(request.team(), team.next());
				List<String> reasons = concat(request.reasons(), steps);
				QueueRequest waiting = new QueueRequest(request.kind(), request.leadId(), request.team(), request.repId(),
						request.grade(), request.agreementVersion(), request.receivedAt(), clock().instant(), reasons,
						request.lead(), request.hadIt());
				this.overflow.put(key, waiting);
				this.index.put(request.leadId().toString(), key);
				waitingIn(request.team()).incrementAndGet();
			}

			private void drainAll() {
				List<String> teamsWaiting = new ArrayList<>();
				try (KeyValueIterator<String, QueueRequest> all = this.overflow.all()) {
					all.forEachRemaining((entry) -> {
						if (!teamsWaiting.contains(entry.value.team())) {
							teamsWaiting.add(entry.value.team());
						}
					});
				}
				teamsWaiting.forEach((team) -> drain(team));
			}

			/** Assigns the team's waiting leads in order while reps can take them; whether leads still wait. */
			private boolean drain(String team) {
				// The waiting leads were not caused by the record at hand: their assignments carry no headers of it.
				org.apache.kafka.common.header.Headers current = this.headers;
				this.headers = new org.apache.kafka.common.header.internals.RecordHeaders();
				try {
					return drainWaiting(team);
				}
				finally {
					this.headers = current;
				}
			}

			private boolean drainWaiting(String team) {
				if (waitingIn(team).get() == 0) {
					// Nobody waits in the team (the count is restored from the store when the task starts): no need
					// to look into the queue for every lead.
					return false;
				}
				while (true) {
					KeyValue<String, QueueRequest> head;
					try (KeyValueIterator<String, QueueRequest> range = this.overflow.range(team + "|", team + "|~")) {
						if (!range.hasNext()) {
							return false;
						}
						head = range.next();
					}
					TeamPick.Pick pick = pick(head.value);
					if (pick.turn() == null) {
						return true;
					}
					count(team, pick);
					leave(head.value.leadId(), head.key);
					Duration waited = Duration.between(head.value.requestedAt(), clock().instant());
					fairnessToday(team, (day) -> day.waited(waited));
					Timer.builder("handoff.routing.overflow.wait")
						.description("How long leads waited in a team's overflow queue for a rep")
						.tag("team", team)
						.register(meters())
						.record(waited);
					assign(head.value, pick.turn().rep(), method(head.value), concat(
							List.of("overflow: waited " + waited.withNanos(0) + " in team " + team + "'s queue"),
							pick.steps()));
				}
			}

			/** The waiting lead of an erased person keeps its place, without their name. */
			private void erase(UUID leadId) {
				String key = this.index.get(leadId.toString());
				QueueRequest waiting = (key != null) ? this.overflow.get(key) : null;
				if (waiting != null) {
					this.overflow.put(key, new QueueRequest(waiting.kind(), waiting.leadId(), waiting.team(),
							waiting.repId(), waiting.grade(), waiting.agreementVersion(), waiting.receivedAt(),
							waiting.requestedAt(), waiting.reasons().stream().map(LeadErased::withoutWords).toList(),
							(waiting.lead() != null) ? waiting.lead().anonymous() : null, waiting.hadIt()));
				}
			}

			private void leave(UUID leadId, @Nullable String key) {
				String entry = (key != null) ? key : this.index.get(leadId.toString());
				if (entry == null) {
					return;
				}
				QueueRequest removed = this.overflow.delete(entry);
				this.index.delete(leadId.toString());
				if (removed != null) {
					waitingIn(removed.team()).decrementAndGet();
				}
			}

			/**
			 * The next rep in weighted round robin among the team's reps who can take a lead now; the team's credits
			 * move on when one can.
			 */
			private TeamPick.Pick pick(QueueRequest request) {
				TeamState team = team(request.team());
				TeamPick.Pick pick = TeamPick.pick(request.team(), roster().get().team(request.team()), team.credits(),
						this::openLeads, (request.kind() == QueueRequest.Kind.REASSIGN) ? request.repId() : null,
						request.hadIt(), clock().instant(), LeadRouter.workingHoursOnly(this.agreements), calendars());
				if (pick.turn() != null) {
					this.teams.put(request.team(), team.with(pick.turn().credits()));
				}
				return pick;
			}

			/** A round-robin turn in the team's distribution of the day, and in the metrics. */
			private void count(String team, TeamPick.Pick pick) {
				String winner = (pick.turn() != null) ? pick.turn().rep().repId() : null;
				fairnessToday(team, (day) -> day.turn(pick, winner));
				pick.shares()
					.forEach((share) -> meters().counter("handoff.routing.fair-share", "team", team, "rep", share.repId())
						.increment(share.share()));
				if (winner != null) {
					meters().counter("handoff.routing.turns", "team", team, "rep", winner).increment();
				}
				pick.passes()
					.forEach((pass) -> meters()
						.counter("handoff.routing.passes", "team", team, "rep", pass.repId(), "reason",
								pass.reason().name())
						.increment());
			}

			private void fairnessToday(String team, java.util.function.UnaryOperator<FairnessDay> change) {
				java.time.LocalDate today = java.time.LocalDate.ofInstant(clock().instant(), java.time.ZoneOffset.UTC);
				String key = FairnessDay.key(team, today);
				FairnessDay day = this.fairness.get(key);
				if (day == null) {
					// A new day: the one beyond what is kept goes.
					this.fairness.delete(FairnessDay.key(team, today.minusDays(FairnessDay.KEPT_DAYS)));
				}
				this.fairness.put(key, change.apply((day != null) ? day : FairnessDay.empty(team, today)));
			}

			private void assign(QueueRequest request, SalesRep rep, LeadAssigned.Method method, List<String> steps) {
				Instant now = clock().instant();
				List<String> reasons = concat(request.reasons(), steps);
				LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), now, request.leadId(), rep.repId(),
						rep.name(), rep.team(), method, request.grade(), request.agreementVersion(), reasons,
						request.lead());
				String previous = this.held.get(request.leadId().toString());
				if (previous != null) {
					release(request.leadId(), previous);
				}
				this.held.put(request.leadId().toString(), rep.repId());
				this.open.put(rep.repId(), openLeads(rep.repId()) + 1);
				if (method == LeadAssigned.Method.ACCOUNT_OWNER || method == LeadAssigned.Method.FOLLOW_UP) {
					fairnessToday(request.team(), (day) -> day.direct(rep.repId()));
				}
				meters().counter("handoff.leads.assigned", "method", method.name(), "team", rep.team()).increment();
				if (request.kind() == QueueRequest.Kind.ASSIGN) {
					// From intake's acceptance of the lead to its rep: the latency sales and marketing feel.
					Timer.builder("handoff.leads.time-to-assignment")
						.description("From intake accepting a lead to its assignment")
						.publishPercentileHistogram()
						.tag("method", method.name())
						.register(meters())
						.record(Duration.between(request.receivedAt(), now));
				}
				this.context.forward(new Record<>(request.leadId().toString(), assigned, now.toEpochMilli(), this.headers));
				logger.atInfo()
					.addKeyValue("leadId", request.leadId())
					.addKeyValue("repId", rep.repId())
					.addKeyValue("team", rep.team())
					.addKeyValue("method", method)
					.log("Lead assigned to {} ({}) by {}", rep.repId(), rep.team(), method);
			}

			private void release(UUID leadId, @Nullable String repId) {
				String holder = this.held.get(leadId.toString());
				if (holder == null || (repId != null && !holder.equals(repId))) {
					return;
				}
				this.held.delete(leadId.toString());
				this.open.put(holder, Math.max(0, openLeads(holder) - 1));
			}

			private int openLeads(String repId) {
				Integer count = this.open.get(repId);
				return (count != null) ? count : 0;
			}

			private TeamState team(String team) {
				TeamState state = this.teams.get(team);
				return (state != null) ? state : new TeamState(Map.of(), 0);
			}

			private AtomicLong waitingIn(String team) {
				return this.waitingHere.computeIfAbsent(team, (name) -> waiting().lend(name));
			}

			/** The task leaves this instance (or stops): its teams' leads are no longer counted here. */
			@Override
			public void close() {
				this.waitingHere.forEach(waiting()::takeBack);
				this.waitingHere.clear();
			}

		};
	}

	private static LeadAssigned.Method method(QueueRequest request) {
		return (request.kind() == QueueRequest.Kind.REASSIGN) ? LeadAssigned.Method.REASSIGNMENT
				: LeadAssigned.Method.ROUND_ROBIN;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	@Override
	public Set<StoreBuilder<?>> stores() {
		return Set.of(
				StateStores.keyValue(TEAMS_STORE, LeadEventsJson.serde(TeamState.class)),
				StateStores.keyValue(HELD_STORE, Serdes.String()),
				StateStores.keyValue(OPEN_STORE, Serdes.Integer()),
				StateStores.keyValue(OVERFLOW_STORE, LeadEventsJson.serde(QueueRequest.class)),
				StateStores.keyValue(WAITING_STORE, Serdes.String()),
				StateStores.keyValue(FAIRNESS_STORE, LeadEventsJson.serde(FairnessDay.class)));
	}

	/**
	 * One team's round robin: each rep's credit, and the next overflow sequence number.
	 *
	 * @param credits leads owed minus leads given, per rep
	 * @param sequence the next position in the overflow queue
	 */
	record TeamState(Map<String, Double> credits, long sequence) {

		TeamState with(Map<String, Double> credits) {
			return new TeamState(credits, this.sequence);
		}

		TeamState next() {
			return new TeamState(this.credits, this.sequence + 1);
		}

	}

	/**
	 * The gauge {@code handoff.routing.overflow.waiting{team}} of this instance: the leads waiting in each team whose
	 * task runs here now, and zero for every other team, so the sum over instances counts each waiting lead once,
	 * before and after a rebalance. A task lends its count of a team while it runs here and takes it back when it
	 * closes.
	 */
	static final class Waiting {

		private final MeterRegistry meters;

		private final Map<String, AtomicLong> lent = new ConcurrentHashMap<>();

		private final Set<String> registered = ConcurrentHashMap.newKeySet();

		Waiting(MeterRegistry meters) {
			this.meters = meters;
		}

		/** The team's gauge, at zero until a task here counts its leads. */
		void register(String team) {
			if (this.registered.add(team)) {
				Gauge.builder("handoff.routing.overflow.waiting", this, (waiting) -> waiting.count(team))
					.description("Leads waiting in a team's overflow queue for a rep, in the tasks this instance runs")
					.tag("team", team)
					.register(this.meters);
			}
		}

		/** A new count of {@code team}'s waiting leads, read by its gauge while the task that keeps it runs here. */
		AtomicLong lend(String team) {
			register(team);
			AtomicLong count = new AtomicLong();
			this.lent.put(team, count);
			return count;
		}

		void takeBack(String team, AtomicLong count) {
			this.lent.remove(team, count);
		}

		long count(String team) {
			AtomicLong count = this.lent.get(team);
			return (count != null) ? count.get() : 0;
		}

	}

}

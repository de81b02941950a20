package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.StateStores;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * The second half of routing, keyed by team: one team's queue is decided on one
 * partition, so its round robin, its reps' open-lead counts and its overflow queue are
 * consistent however many instances run. A lead no rep can take waits in the team's
 * overflow queue, first in first out, and is assigned as soon as a rep can take it: when
 * a rep frees a slot, and on every tick (reps back from leave, working hours starting, a
 * changed roster).
 *
 * @param roster the sales organisation now
 * @param calendars the business calendars: no lead to a rep on a day off where working
 * hours apply
 * @param clock the time of assignment
 * @param tick how often waiting leads are tried again
 * @param meters where the assignment and overflow metrics go
 * @param waiting the overflow size of each team whose task runs here now, for the gauges
 */
record TeamQueue(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock, Duration tick,
		MeterRegistry meters,
		Waiting waiting) implements ProcessorSupplier<String, QueueRequest, String, LeadAssigned> {

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

	/**
	 * Each team's distribution by day: {@code <team>|<yyyy-mm-dd>} to its
	 * {@link FairnessDay}.
	 */
	static final String FAIRNESS_STORE = "routing-fairness";

	TeamQueue(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock, Duration tick,
			MeterRegistry meters) {
		this(roster, calendars, clock, tick, meters, new Waiting(meters));
	}

	@Override
	public Processor<String, QueueRequest, String, LeadAssigned> get() {
		return new QueueKeeper(roster(), calendars(), clock(), tick(), meters(), waiting());
	}

	@Override
	public Set<StoreBuilder<?>> stores() {
		return Set.of(StateStores.keyValue(TEAMS_STORE, LeadEventsJson.serde(TeamState.class)),
				StateStores.keyValue(HELD_STORE, Serdes.String()), StateStores.keyValue(OPEN_STORE, Serdes.Integer()),
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
	 * The gauge {@code handoff.routing.overflow.waiting{team}} of this instance: the
	 * leads waiting in each team whose task runs here now, and zero for every other team,
	 * so the sum over instances counts each waiting lead once, before and after a
	 * rebalance. A task lends its count of a team while it runs here and takes it back
	 * when it closes.
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

		/**
		 * A new count of {@code team}'s waiting leads, read by its gauge while the task
		 * that keeps it runs here.
		 */
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

		/**
		 * The counts of one task's teams, lent to the gauges while the task runs here.
		 */
		Counts forTask() {
			return new Counts();
		}

		/**
		 * How many leads wait in each of one task's teams: restored from the overflow
		 * store when the task starts, kept with it, and lent to the gauges while the task
		 * runs here (so that an empty queue is passed over without reading it).
		 */
		final class Counts {

			private final Map<String, AtomicLong> teams = new HashMap<>();

			AtomicLong of(String team) {
				return this.teams.computeIfAbsent(team, Waiting.this::lend);
			}

			/**
			 * The task leaves this instance (or stops): its teams are no longer counted
			 * here.
			 */
			void close() {
				this.teams.forEach(Waiting.this::takeBack);
				this.teams.clear();
			}

		}

	}

}

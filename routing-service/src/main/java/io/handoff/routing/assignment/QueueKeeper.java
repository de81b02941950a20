package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.LeadAssigned;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.streams.KeyedProcessor;
import io.handoff.routing.assignment.TeamQueue.TeamState;
import io.handoff.routing.roster.Roster;

/**
 * Keeps one team's queue: its round-robin credits, who holds each open lead and each
 * rep's open leads, and the leads waiting in its overflow queue; carries out what
 * {@link TeamDesk} and {@link TeamPick} decide, and every tick tries the waiting leads
 * again (reps back from leave, working hours starting, a changed roster).
 */
final class QueueKeeper extends KeyedProcessor<QueueRequest, LeadAssigned> {

	private static final Logger logger = LoggerFactory.getLogger(QueueKeeper.class);

	private final Supplier<Roster> roster;

	private final BusinessCalendars.Built calendars;

	private final Clock clock;

	private final Duration tick;

	private final TeamQueue.Waiting waiting;

	private KeyValueStore<String, TeamState> teams;

	private KeyValueStore<String, String> held;

	private KeyValueStore<String, Integer> open;

	private KeyValueStore<String, QueueRequest> overflow;

	private KeyValueStore<String, String> index;

	private TeamFairness fairness;

	private TeamQueue.Waiting.Counts waitingHere;

	QueueKeeper(Supplier<Roster> roster, BusinessCalendars.Built calendars, Clock clock, Duration tick,
			MeterRegistry meters, TeamQueue.Waiting waiting) {
		super(meters);
		this.roster = roster;
		this.calendars = calendars;
		this.clock = clock;
		this.tick = tick;
		this.waiting = waiting;
	}

	@Override
	protected void open() {
		this.teams = store(TeamQueue.TEAMS_STORE);
		this.held = store(TeamQueue.HELD_STORE);
		this.open = store(TeamQueue.OPEN_STORE);
		this.overflow = store(TeamQueue.OVERFLOW_STORE);
		this.index = store(TeamQueue.WAITING_STORE);
		this.waitingHere = this.waiting.forTask();
		this.fairness = new TeamFairness(store(TeamQueue.FAIRNESS_STORE), this::counter);
		// Every team's gauge from the start, so "nobody waits" reads as zero rather than
		// as no such metric.
		this.roster.get().teams().forEach(this.waiting::register);
		try (KeyValueIterator<String, QueueRequest> all = this.overflow.all()) {
			all.forEachRemaining((entry) -> waitingIn(entry.value.team()).incrementAndGet());
		}
		every(this.tick, (now) -> drainAll());
	}

	@Override
	protected void take(String team, QueueRequest request, long timestamp) {
		TeamDesk.Plan plan = TeamDesk.plan(request, this.roster.get());
		if (plan instanceof TeamDesk.Release) {
			release(request.leadId(), request.repId());
			drain(request.team());
		}
		else if (plan instanceof TeamDesk.Leave) {
			leave(request.leadId(), null);
		}
		else if (plan instanceof TeamDesk.Erase) {
			erase(request.leadId());
		}
		else if (plan instanceof TeamDesk.Direct direct) {
			assign(request, direct.rep(), direct.method(), direct.steps(), true);
		}
		else if (plan instanceof TeamDesk.Queue queue) {
			if (queue.releaseFirst()) {
				release(request.leadId(), request.repId());
			}
			queue(request, queue.steps());
		}
	}

	/**
	 * Behind everyone already waiting in the team, or straight to a rep when nobody
	 * waits.
	 */
	private void queue(QueueRequest request, List<RoutingStep> steps) {
		if (!drain(request.team())) {
			TeamPick.Pick pick = pick(request);
			if (pick.turn() != null) {
				// A turn is counted when a rep takes the lead: here, or when it leaves
				// the overflow queue.
				this.fairness.turn(request.team(), pick, this.clock.instant());
				assign(request, pick.turn().rep(), TeamDesk.method(request), TeamDesk.concat(steps, pick.steps()),
						true);
				return;
			}
			steps = TeamDesk.concat(steps, pick.steps());
		}
		TeamState team = team(request.team());
		String key = request.team() + "|" + String.format("%020d", team.sequence());
		this.teams.put(request.team(), team.next());
		this.overflow.put(key, TeamDesk.waiting(request, steps, this.clock.instant()));
		this.index.put(request.leadId().toString(), key);
		waitingIn(request.team()).incrementAndGet();
	}

	private void drainAll() {
		Set<String> teamsWaiting = new LinkedHashSet<>();
		try (KeyValueIterator<String, QueueRequest> all = this.overflow.all()) {
			all.forEachRemaining((entry) -> teamsWaiting.add(entry.value.team()));
		}
		teamsWaiting.forEach(this::drain);
	}

	/**
	 * Assigns the team's waiting leads in order while reps can take them; whether leads
	 * still wait. The waiting leads were not caused by the record at hand: their
	 * assignments carry no headers of it.
	 */
	private boolean drain(String team) {
		if (waitingIn(team).get() == 0) {
			// Nobody waits in the team (the count is restored from the store when the
			// task starts): no need to look into the queue for every lead.
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
			this.fairness.turn(team, pick, this.clock.instant());
			leave(head.value.leadId(), head.key);
			Duration waited = Duration.between(head.value.requestedAt(), this.clock.instant());
			this.fairness.change(team, this.clock.instant(), (day) -> day.waited(waited));
			Timer.builder("handoff.routing.overflow.wait")
				.description("How long leads waited in a team's overflow queue for a rep")
				.tag("team", team)
				.register(meters())
				.record(waited);
			assign(head.value, pick.turn().rep(), TeamDesk.method(head.value),
					TeamDesk.concat(List.of(TeamDesk.overflowed(team, waited)), pick.steps()), false);
		}
	}

	private void erase(UUID leadId) {
		String key = this.index.get(leadId.toString());
		QueueRequest waiting = (key != null) ? this.overflow.get(key) : null;
		if (waiting != null) {
			this.overflow.put(key, TeamDesk.erased(waiting));
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
	 * The next rep in weighted round robin among the team's reps who can take a lead now;
	 * the team's credits move on when one can.
	 */
	private TeamPick.Pick pick(QueueRequest request) {
		TeamState team = team(request.team());
		TeamPick.Pick pick = TeamPick.pick(request.team(), this.roster.get().team(request.team()), team.credits(),
				this::openLeads, TeamDesk.passedOver(request), request.hadIt(), this.clock.instant(),
				TeamPick.workingHoursOnly(agreementInForce()), this.calendars);
		if (pick.turn() != null) {
			this.teams.put(request.team(), team.with(pick.turn().credits()));
		}
		return pick;
	}

	/**
	 * Gives the lead to {@code rep}; {@code caused} when the record at hand caused it
	 * (its headers go on).
	 */
	private void assign(QueueRequest request, SalesRep rep, LeadAssigned.Method method, List<RoutingStep> steps,
			boolean caused) {
		Instant now = this.clock.instant();
		LeadAssigned assigned = TeamDesk.assignment(request, rep, method, steps, now);
		String previous = this.held.get(request.leadId().toString());
		if (previous != null) {
			release(request.leadId(), previous);
		}
		this.held.put(request.leadId().toString(), rep.repId());
		this.open.put(rep.repId(), openLeads(rep.repId()) + 1);
		if (method == LeadAssigned.Method.ACCOUNT_OWNER || method == LeadAssigned.Method.FOLLOW_UP) {
			this.fairness.change(request.team(), now, (day) -> day.direct(rep.repId()));
		}
		counter("handoff.leads.assigned", "method", method.name(), "team", rep.team()).increment();
		if (request.kind() == QueueRequest.Kind.ASSIGN) {
			// From intake's acceptance of the lead to its rep: the latency sales and
			// marketing feel.
			Timer.builder("handoff.leads.time-to-assignment")
				.description("From intake accepting a lead to its assignment")
				.publishPercentileHistogram()
				.tag("method", method.name())
				.register(meters())
				.record(Duration.between(request.receivedAt(), now));
		}
		if (caused) {
			forward(request.leadId().toString(), assigned, now.toEpochMilli());
		}
		else {
			forwardUncaused(request.leadId().toString(), assigned, now.toEpochMilli());
		}
		logger.atInfo()
			.addKeyValue("leadId", assigned.leadId())
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
		return this.waitingHere.of(team);
	}

	@Override
	public void close() {
		this.waitingHere.close();
	}

}

package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.LeadErased;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topic;
import io.handoff.events.streams.DueTimes;
import io.handoff.events.streams.InputEnds;
import io.handoff.events.streams.LeadProcessor;
import io.handoff.sla.clock.SlaClock.Step;

/**
 * Keeps each lead's clock in {@link SlaTopology#CLOCKS_STORE} and its steps to come in
 * {@link SlaTopology#DEADLINES_STORE}, carries out what the {@link Timekeeper} decides,
 * and every tick takes the steps that fell due. A step is taken only once the touches,
 * returns and outcomes written before it have been read ({@link InputEnds}), so a touch
 * in time still waiting in its topic raises no breach.
 */
final class ClockKeeper extends LeadProcessor<SlaEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ClockKeeper.class);

	private static final List<Topic<?>> HELD_BY = SlaTopology.HELD_BY;

	private final Timekeeper timekeeper;

	private final SlaSettings settings;

	private final InputEnds inputEnds;

	private KeyValueStore<String, SlaClock> clocks;

	private DueTimes deadlines;

	private KeyValueStore<String, Long> read;

	private Counter unconfirmed;

	private Timer tick;

	/**
	 * When this task started here: after an outage, a step's wait for its reading starts
	 * no earlier.
	 */
	private Instant startedAt;

	ClockKeeper(SlaPolicy policy, MeterRegistry meters, InputEnds inputEnds) {
		super(meters);
		this.timekeeper = new Timekeeper(policy);
		this.settings = policy.settings();
		this.inputEnds = inputEnds;
	}

	@Override
	protected void open() {
		this.clocks = store(SlaTopology.CLOCKS_STORE);
		this.deadlines = new DueTimes(store(SlaTopology.DEADLINES_STORE));
		this.read = store(SlaTopology.READ_STORE);
		this.unconfirmed = counter("handoff.sla.steps.unconfirmed");
		this.tick = meters().timer("handoff.sla.tick");
		this.startedAt = now();
		// Registered at zero, so dashboards and alerts see "none yet" rather than "no
		// such metric".
		for (SlaEvent.Type type : List.of(SlaEvent.Type.WARNING, SlaEvent.Type.BREACH, SlaEvent.Type.IGNORED,
				SlaEvent.Type.ESCALATION)) {
			counter("handoff.sla.events", "type", type.name(), "clock", SlaEvent.Clock.FIRST_TOUCH.name());
		}
		counter("handoff.sla.events", "type", SlaEvent.Type.BREACH.name(), "clock", SlaEvent.Clock.FOLLOW_UP.name());
		every(this.settings.tick(), this::fireDue);
		holdEarly(SlaTopology.EARLY_STORE, this.inputEnds, this.settings.tick(), this.settings.readWait());
	}

	@Override
	protected void takeEvent(String leadId, Object event, long timestamp) {
		SlaClock clock = this.clocks.get(leadId);
		// A touch, return, outcome or ruling that no clock of the lead takes (none yet,
		// none running, or another rep's) waits for the assignment it may follow.
		if (this.timekeeper.awaitsAssignment(clock, event) && heldForAssignment(leadId)) {
			return;
		}
		noteRead();
		Timekeeper.Change change = this.timekeeper.on(clock, event, this::agreementInForce);
		if (change instanceof Timekeeper.Start start) {
			if (clock != null) {
				unschedule(clock);
			}
			save(start.clock());
		}
		else if (change instanceof Timekeeper.Touch touch) {
			clock = stepsDueBefore(clock, touch.activity().occurredAt());
			unschedule(clock);
			Timekeeper.Touched touched = this.timekeeper.touched(clock, touch.activity());
			if (touched.first()) {
				firstTouch(touched);
			}
			save(touched.clock());
		}
		else if (change instanceof Timekeeper.Stop stop) {
			if (stop.happenedAt() != null) {
				clock = stepsDueBefore(clock, stop.happenedAt());
			}
			unschedule(clock);
			save(clock.stopped(stop.because()));
		}
		else if (change instanceof Timekeeper.Unchanged unchanged && unchanged.duplicate()) {
			counter("handoff.sla.duplicate-activities").increment();
		}
	}

	/** The person is forgotten: the clock keeps its figures, not their name. */
	@Override
	protected void erase(LeadErased erasure) {
		SlaClock clock = this.clocks.get(erasure.leadId().toString());
		if (clock != null) {
			this.clocks.put(erasure.leadId().toString(), clock.erased());
		}
	}

	/**
	 * Compliance as metrics: first touches in time or late, and the business time they
	 * took, per team.
	 */
	private void firstTouch(Timekeeper.Touched touched) {
		SlaClock clock = touched.clock();
		counter("handoff.sla.first-touches", "team", clock.team(), "in_time", Boolean.toString(clock.touchedInTime()))
			.increment();
		// Buckets from minutes to days, so a dashboard can read a median
		// (histogram_quantile).
		Timer.builder("handoff.sla.time-to-first-touch")
			.description("Business time from assignment to the first touch")
			.tag("team", clock.team())
			.serviceLevelObjectives(SlaTopology.FIRST_TOUCH_BUCKETS)
			.register(meters())
			.record(touched.businessTime());
	}

	/**
	 * The steps already due that the record being read comes too late for, taken before
	 * it: those that fell due before the touch, return or outcome happened
	 * ({@code happenedAt}), or before it was written (at or past where its topic ended
	 * when the step fell due: a touch reported late with an earlier time). The record
	 * waited to be read while they were held; the rep was late all the same.
	 */
	private SlaClock stepsDueBefore(SlaClock clock, Instant happenedAt) {
		Instant now = now();
		SlaClock current = clock;
		for (Step step : clock.pending()) {
			if (step.at().isAfter(now) || !cameAfter(step.at(), happenedAt)) {
				break;
			}
			this.deadlines.delete(step.at(), stepId(step, clock.leadId()));
			current = fire(current, step, now);
		}
		return current;
	}

	/** Whether the record being read happened, or was written, after {@code due}. */
	private boolean cameAfter(Instant due, Instant happenedAt) {
		if (happenedAt.isAfter(due)) {
			return true;
		}
		// Only a record read from its own topic: one held for its assignment is taken
		// while the assignment is read.
		return source().filter((read) -> heldBy(read.topic())).map((read) -> {
			OptionalLong end = this.inputEnds.endSince(read.topic(), read.partition(), due);
			return end.isPresent() && read.offset() >= end.getAsLong();
		}).orElse(false);
	}

	/** Notes how far this task has read a topic that satisfies or stops a clock. */
	private void noteRead() {
		source().ifPresent((read) -> {
			if (heldBy(read.topic())) {
				this.read.put(read.topic() + '|' + read.partition(), read.offset() + 1);
			}
		});
	}

	/** Whether {@code topic} is one whose records a due step waits for. */
	private static boolean heldBy(@Nullable String topic) {
		return HELD_BY.stream().anyMatch((held) -> held.name().equals(topic));
	}

	/**
	 * Whether this task has read every touch, return and outcome written before
	 * {@code due}: each topic's partition as far as it ended at a moment no earlier than
	 * {@code due}.
	 */
	private boolean readPast(Instant due, long[] read) {
		for (int i = 0; i < HELD_BY.size(); i++) {
			OptionalLong end = this.inputEnds.endSince(HELD_BY.get(i).name(), partition(), due);
			if (end.isEmpty() || read[i] < end.getAsLong()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How far this task has read each of the held-by topics: noted here, or committed by
	 * the application.
	 */
	private long[] readSoFar() {
		long[] read = new long[HELD_BY.size()];
		for (int i = 0; i < read.length; i++) {
			String topic = HELD_BY.get(i).name();
			Long noted = this.read.get(topic + '|' + partition());
			read[i] = Math.max((noted != null) ? noted : 0L, this.inputEnds.committed(topic, partition()).orElse(0L));
		}
		return read;
	}

	private void fireDue(Instant now) {
		long started = System.nanoTime();
		// Read up to now, a bounded amount per tick; the rest waits for the next tick.
		List<DueTimes.Due> due = this.deadlines.due(now, this.settings.maxPerTick());
		long[] read = due.isEmpty() ? new long[0] : readSoFar();
		for (DueTimes.Due entry : due) {
			long at = entry.at().toEpochMilli();
			if (!readPast(entry.at(), read)) {
				// The wait runs from the step falling due, or from this task starting
				// after an outage.
				Instant waitFrom = Instant.ofEpochMilli(Math.max(at, this.startedAt.toEpochMilli()));
				if (Duration.between(waitFrom, now).compareTo(this.settings.readWait()) < 0) {
					// What was written before it is still to be read: it and every later
					// step wait.
					break;
				}
				this.unconfirmed.increment();
				logger.warn(
						"The SLA step {} is taken {} after it fell due without having read every touch, return "
								+ "and outcome written before it (handoff.sla.read-wait)",
						entry.id(), Duration.between(entry.at(), now));
			}
			this.deadlines.delete(entry.at(), entry.id());
			SlaClock clock = this.clocks.get(entry.value());
			if (clock == null) {
				continue;
			}
			String kind = entry.id().substring(entry.id().lastIndexOf('|') + 1);
			clock.pending()
				.stream()
				.filter((step) -> step.at().toEpochMilli() == at && step.kind().name().equals(kind))
				.findFirst()
				.ifPresent((step) -> fire(clock, step, now));
		}
		// The tick's cost follows the due clocks, not the open ones; on call watches it
		// against the interval.
		this.tick.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	/**
	 * Takes {@code step} and publishes the SLA event it raises; returns the clock after
	 * it.
	 */
	private SlaClock fire(SlaClock clock, Step step, Instant now) {
		Timekeeper.Fired fired = this.timekeeper.fire(clock, step, now);
		this.clocks.put(clock.leadId().toString(), fired.clock());
		SlaEvent event = fired.event();
		if (event != null) {
			// Who the lead is travels on sla.events for the notifications; the clock's
			// history keeps the step.
			// A step falls due with time, whatever record is being read when it is taken:
			// it
			// carries none of that record's headers.
			forwardUncaused(clock.leadId().toString(), event.about(clock.lead()), now.toEpochMilli());
			logger.atInfo()
				.addKeyValue("leadId", clock.leadId())
				.addKeyValue("repId", clock.repId())
				.addKeyValue("slaEvent", event.type())
				.log("SLA {} on the {} of rep {}, due {}", event.type(), event.clock(), clock.repId(),
						event.deadline());
			counter("handoff.sla.events", "type", event.type().name(), "clock", event.clock().name()).increment();
		}
		return fired.clock();
	}

	private void save(SlaClock clock) {
		this.clocks.put(clock.leadId().toString(), clock);
		for (Step step : clock.pending()) {
			this.deadlines.put(step.at(), stepId(step, clock.leadId()), clock.leadId().toString());
		}
	}

	private void unschedule(SlaClock clock) {
		for (Step step : clock.pending()) {
			this.deadlines.delete(step.at(), stepId(step, clock.leadId()));
		}
	}

	/** A step's id among the deadlines: {@code <lead id>|<step>}. */
	private static String stepId(Step step, UUID leadId) {
		return leadId.toString() + '|' + step.kind().name();
	}

}

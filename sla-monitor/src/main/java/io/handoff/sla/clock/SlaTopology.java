package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadSummary;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;
import io.handoff.events.calendar.BusinessCalendar;
import io.handoff.events.calendar.BusinessCalendars;

/**
 * The SLA topology: an assignment starts a clock on the terms the agreement in force sets for the lead's grade, in
 * the business hours of the rep's team; touches by the assigned rep stop the first-touch clock and count attempts;
 * a return, an outcome or a ruling that sends the lead back to marketing stops it; a ruling that orders a follow-up
 * starts a fresh one. A wall-clock punctuator fires the steps that fall due: warnings to the rep, the breach to the
 * manager, the lead ignored (to the executives and the judge), and a follow-up breach when attempts are missing. A
 * step falls due only once the touches, returns and outcomes written before it have been read ({@link InputEnds}), so
 * a touch in time still waiting in its topic raises no breach.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaSettings.class)
public class SlaTopology {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(SlaTopology.class);

	/** Every clock by lead id. */
	public static final String CLOCKS_STORE = "sla-clocks";

	/**
	 * The steps still to come by due time: {@code <epoch millis, 20 digits>|<lead id>|<step>}, so a range scan from the
	 * start up to now finds exactly the due ones.
	 */
	public static final String DEADLINES_STORE = "sla-deadlines";

	/** How far this task has read each topic that satisfies or stops a clock: {@code <topic>|<partition>} to offset. */
	public static final String READ_STORE = "sla-read";

	/** The topics whose records written before a step must have been read before it is taken. */
	static final List<io.handoff.events.Topic<?>> HELD_BY = List.of(Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED,
			Topics.LEADS_OUTCOMES);

	/** The global store over the {@code agreements} topic. */
	public static final String AGREEMENTS_STORE = AgreementSerde.STORE;

	/** The topics the topology reads, besides the agreements. */
	/** The buckets of the time to first touch, in business time. */
	static final Duration[] FIRST_TOUCH_BUCKETS = { Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
			Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5) };

	public static final String INPUTS = "leads.assigned,sales.activities,leads.returned,leads.outcomes,arbitration.rulings,"
			+ "leads.erasures";

	@Bean
	public BiFunction<KStream<String, Object>, GlobalKTable<String, LeadAgreement>, KStream<String, SlaEvent>> watch(
			SlaSettings settings, BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		return (events, agreements) -> clocks(events, settings, calendars, meters, inputEnds);
	}

	/** The business calendars of {@code handoff.calendars} ({@code handoff-calendars.yml}), shared with routing. */
	@Bean
	BusinessCalendars.Built businessCalendars(org.springframework.core.env.Environment environment) {
		return BusinessCalendars.from(environment);
	}

	/** Where the topics that satisfy or stop a clock end, asked of the broker every tick. */
	@Bean
	PolledInputEnds inputEnds(org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka,
			SlaSettings settings,
			@org.springframework.beans.factory.annotation.Value("${handoff.streams.application-id-prefix:handoff}") String prefix) {
		// The Streams application id (sla-monitor.yml) is its consumer group's id.
		return new PolledInputEnds(kafka.buildAdminProperties(), HELD_BY, prefix + "-sla", settings.tick(),
				settings.readWait(), java.time.Clock.systemUTC());
	}

	/** The topology itself, free of Spring so a test driver can run it; it reads {@link #AGREEMENTS_STORE}. */
	public static KStream<String, SlaEvent> clocks(KStream<String, Object> events, SlaSettings settings,
			BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		// Every input is keyed by lead, so one lead's assignment, touches and rulings meet in one task.
		return events.process(watchClocks(settings, calendars, meters, inputEnds));
	}

	/** The processor that keeps the clocks, with its stores: for the topology and for the clock benchmark. */
	public static ProcessorSupplier<String, Object, String, SlaEvent> watchClocks(SlaSettings settings,
			BusinessCalendars.Built calendars, MeterRegistry meters, InputEnds inputEnds) {
		return new WatchClocks(new SlaPolicy(settings, calendars), meters, inputEnds);
	}

	@Bean
	Serde<SlaEvent> slaEventSerde() {
		return Topics.SLA_EVENTS.valueSerde();
	}

	static String deadlineKey(SlaClock.Step step, UUID leadId) {
		return StateStores.epochKey(step.at().toEpochMilli()) + leadId + '|' + step.kind().name();
	}

	/**
	 * The clock store's serde: instants as epoch millis rather than ISO text, since every fired step reads and writes
	 * a clock with a dozen of them and formatting them was most of a tick's time.
	 */
	static final Serde<SlaClock> CLOCK_SERDE = clockSerde();

	private static Serde<SlaClock> clockSerde() {
		tools.jackson.databind.json.JsonMapper compact = LeadEventsJson.mapper()
			.rebuild()
			.enable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
			.disable(tools.jackson.databind.cfg.DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
			.build();
		org.springframework.kafka.support.serializer.JacksonJsonSerde<SlaClock> serde = new org.springframework.kafka.support.serializer.JacksonJsonSerde<>(
				SlaClock.class, compact);
		serde.noTypeInfo().ignoreTypeHeaders();
		return LeadEventsJson.bounded(serde);
	}

	private record WatchClocks(SlaPolicy policy, MeterRegistry meters,
			InputEnds inputEnds) implements ProcessorSupplier<String, Object, String, SlaEvent> {

		@Override
		public Processor<String, Object, String, SlaEvent> get() {
			return new Processor<>() {

				private ProcessorContext<String, SlaEvent> context;

				private KeyValueStore<String, SlaClock> clocks;

				/** The leads erased: their later events are taken without the person. */
				private KeyValueStore<String, Long> erased;

				private KeyValueStore<String, String> deadlines;

				private KeyValueStore<String, Object> agreements;

				private KeyValueStore<String, Long> read;

				private io.micrometer.core.instrument.Counter unconfirmed;

				/** When this task started here: after an outage, a step's wait for its reading starts no earlier. */
				private Instant startedAt;

				private final java.util.Map<String, io.micrometer.core.instrument.Counter> counters = new java.util.HashMap<>();

				private io.micrometer.core.instrument.Timer tick;

				@Override
				public void init(ProcessorContext<String, SlaEvent> context) {
					this.context = context;
					this.clocks = context.getStateStore(CLOCKS_STORE);
					this.erased = context.getStateStore(LeadErased.STORE);
					this.deadlines = context.getStateStore(DEADLINES_STORE);
					this.agreements = context.getStateStore(AGREEMENTS_STORE);
					this.read = context.getStateStore(READ_STORE);
					this.unconfirmed = meters().counter("handoff.sla.steps.unconfirmed");
					this.startedAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
					this.tick = meters().timer("handoff.sla.tick");
					// Registered at zero, so dashboards and alerts see "none yet" rather than "no such metric".
					for (SlaEvent.Type type : List.of(SlaEvent.Type.WARNING, SlaEvent.Type.BREACH, SlaEvent.Type.IGNORED,
						SlaEvent.Type.ESCALATION)) {
						meters().counter("handoff.sla.events", "type", type.name(), "clock", SlaEvent.Clock.FIRST_TOUCH.name());
					}
					meters().counter("handoff.sla.events", "type", SlaEvent.Type.BREACH.name(), "clock",
							SlaEvent.Clock.FOLLOW_UP.name());
					// Wall-clock time: deadlines pass even when no record arrives.
					context.schedule(policy().settings().tick(), PunctuationType.WALL_CLOCK_TIME,
							(now) -> fireDue(Instant.ofEpochMilli(now)));
				}

				@Override
				public void process(Record<String, Object> record) {
					Object event = record.value();
					noteRead();
					Long erasedAt = (event != null && !(event instanceof LeadErased)) ? this.erased.get(record.key())
							: null;
					if (erasedAt != null && LeadErased.before(event, erasedAt)) {
						// Written before the lead's erasure, read after it: taken without the person.
						event = LeadErased.anonymized(event);
					}
					if (event instanceof LeadAssigned assigned) {
						SlaClock previous = this.clocks.get(assigned.leadId().toString());
						start(previous, assigned.leadId(), assigned.repId(), assigned.team(), assigned.grade(),
								assigned.occurredAt(), assigned.lead());
					}
					else if (event instanceof SalesActivity activity) {
						// An explicit accept takes the lead; only a touch keeps the SLA.
						if (activity.type() == null || activity.type().touches()) {
							touch(activity);
						}
					}
					else if (event instanceof LeadReturned returned) {
						// Only an agreed reason stops the clock: any other leaves it running while the judge looks.
						if (LeadAgreement.agreedReturn(AgreementSerde.inForce(this.agreements),
								returned.reasonCode())) {
							stop(returned.leadId(), returned.repId(), returned.occurredAt(),
									"returned by " + returned.repId() + ": " + returned.reasonCode());
						}
					}
					else if (event instanceof LeadOutcome outcome) {
						stop(outcome.leadId(), null, outcome.occurredAt(), "outcome: " + outcome.outcome());
					}
					else if (event instanceof Ruling ruling) {
						ruled(ruling);
					}
					else if (event instanceof LeadErased erasure) {
						// The person is forgotten: the clock keeps its figures, not their name.
						this.erased.put(erasure.leadId().toString(), erasure.occurredAt().toEpochMilli());
						SlaClock clock = this.clocks.get(erasure.leadId().toString());
						if (clock != null) {
							this.clocks.put(erasure.leadId().toString(), clock.erased());
						}
					}
					else {
						throw new IllegalArgumentException("sla-monitor does not read "
								+ ((event != null) ? event.getClass().getSimpleName() : "an empty record"));
					}
				}

				private void start(@Nullable SlaClock previous, UUID leadId, String repId, String team, String grade,
						Instant at, @Nullable LeadSummary lead) {
					if (previous != null) {
						unschedule(previous);
					}
					SlaPolicy.Obligation terms = policy().obligation(AgreementSerde.inForce(this.agreements), grade);
					BusinessCalendar calendar = policy().calendar(repId, team);
					Instant due = calendar.plus(at, terms.firstTouch());
					List<SlaClock.Step> steps = new ArrayList<>();
					for (double share : policy().settings().warnAt()) {
						steps.add(new SlaClock.Step(calendar.plus(at, scaled(terms.firstTouch(), share)),
								SlaClock.Step.Kind.WARNING));
					}
					Instant ignoredAt = calendar.plus(due, terms.ignoredAfter());
					Instant followUpDue = calendar.plus(at, terms.within());
					steps.add(new SlaClock.Step(due, SlaClock.Step.Kind.BREACH));
					steps.add(new SlaClock.Step(ignoredAt, SlaClock.Step.Kind.IGNORED));
					steps.add(new SlaClock.Step(followUpDue, SlaClock.Step.Kind.FOLLOW_UP_DUE));
					if (terms.reassignAfter() != null) {
						steps.add(new SlaClock.Step(calendar.plus(due, terms.reassignAfter()), SlaClock.Step.Kind.REASSIGN));
					}
					steps.sort(Comparator.comparing(SlaClock.Step::at));
					SlaClock fresh = new SlaClock(leadId, repId, team, grade, at, due, ignoredAt, terms.attempts(),
							followUpDue, SlaClock.State.RUNNING, null, null, 0, null, steps, List.of(), List.of(), lead);
					save((previous != null) ? previous.continuedBy(fresh) : fresh);
				}

				private void touch(SalesActivity activity) {
					SlaClock clock = this.clocks.get(activity.leadId().toString());
					if (clock == null || !clock.repId().equals(activity.repId())
							|| clock.state() == SlaClock.State.STOPPED) {
						return;
					}
					if (activity.eventId() != null && clock.counted(activity.eventId())) {
						// The same activity written twice (a retry intake took at two instances): counted once.
						meters().counter("handoff.sla.duplicate-activities").increment();
						return;
					}
					clock = stepsDueBefore(clock, activity.occurredAt());
					unschedule(clock);
					Duration businessTime = policy().calendar(clock.repId(), clock.team())
						.between(clock.assignedAt(), activity.occurredAt());
					SlaClock touched = clock.touched(activity.eventId(), activity.occurredAt(), businessTime);
					if (clock.touchedAt() == null) {
						// Compliance as metrics: first touches in time or late, and the business time they took, per team.
						meters().counter("handoff.sla.first-touches", "team", clock.team(), "in_time",
								Boolean.toString(touched.touchedInTime()))
							.increment();
						// Buckets from minutes to days, so a dashboard can read a median (histogram_quantile).
						io.micrometer.core.instrument.Timer.builder("handoff.sla.time-to-first-touch")
							.description("Business time from assignment to the first touch")
							.tag("team", clock.team())
							.serviceLevelObjectives(FIRST_TOUCH_BUCKETS)
							.register(meters())
							.record(businessTime);
					}
					save(touched);
				}

				/**
				 * The steps already due that the record being read comes too late for, taken before it: those that
				 * fell due before the touch, return or outcome happened ({@code happenedAt}), or before it was written
				 * (at or past where its topic ended when the step fell due: a touch reported late with an earlier
				 * time). The record waited to be read while they were held; the rep was late all the same.
				 */
				private SlaClock stepsDueBefore(SlaClock clock, Instant happenedAt) {
					Instant now = Instant.ofEpochMilli(this.context.currentSystemTimeMs());
					SlaClock current = clock;
					for (SlaClock.Step step : clock.pending()) {
						if (step.at().isAfter(now) || !cameAfter(step.at(), happenedAt)) {
							break;
						}
						this.deadlines.delete(deadlineKey(step, clock.leadId()));
						fire(current, step, now);
						current = this.clocks.get(clock.leadId().toString());
					}
					return current;
				}

				/** Whether the record being read happened, or was written, after {@code due}. */
				private boolean cameAfter(Instant due, Instant happenedAt) {
					if (happenedAt.isAfter(due)) {
						return true;
					}
					return this.context.recordMetadata().map((read) -> {
						java.util.OptionalLong end = inputEnds().endSince(read.topic(), read.partition(), due);
						return end.isPresent() && read.offset() >= end.getAsLong();
					}).orElse(false);
				}

				/** Stops a clock by a ruling: the judge's word, with nothing of the rep's to weigh against its steps. */
				private void stop(UUID leadId, @Nullable String byRep, String because) {
					stop(leadId, byRep, null, because);
				}

				/** Stops a clock by a return or an outcome, after the steps that fell due before it. */
				private void stop(UUID leadId, @Nullable String byRep, @Nullable Instant happenedAt, String because) {
					SlaClock clock = this.clocks.get(leadId.toString());
					if (clock == null || clock.state() == SlaClock.State.STOPPED
							|| (byRep != null && !clock.repId().equals(byRep))) {
						return;
					}
					if (happenedAt != null) {
						clock = stepsDueBefore(clock, happenedAt);
					}
					unschedule(clock);
					save(clock.stopped(because));
				}

				private void ruled(Ruling ruling) {
					SlaClock clock = this.clocks.get(ruling.leadId().toString());
					if (clock == null) {
						return;
					}
					switch (ruling.decision()) {
						// The same rep owes a fresh follow-up: routing gives the lead back to them, and that
						// assignment starts the next clock (one start per assignment, also after a crash).
						case FOLLOW_UP_REQUIRED -> stop(ruling.leadId(), null,
								"sales must follow up by ruling; the next clock starts with the lead's new assignment");
						case RETURN_TO_MARKETING -> stop(ruling.leadId(), null, "returned to marketing by ruling");
						// Routing assigns another rep; that assignment starts the next clock.
						case REASSIGN -> {
						}
					}
				}

				/** Notes how far this task has read a topic that satisfies or stops a clock. */
				private void noteRead() {
					this.context.recordMetadata().ifPresent((read) -> {
						if (event(read.topic())) {
							this.read.put(read.topic() + '|' + read.partition(), read.offset() + 1);
						}
					});
				}

				private static boolean event(String topic) {
					for (io.handoff.events.Topic<?> held : HELD_BY) {
						if (held.name().equals(topic)) {
							return true;
						}
					}
					return false;
				}

				/**
				 * Whether this task has read every touch, return and outcome written before {@code due}: each topic's
				 * partition as far as it ended at a moment no earlier than {@code due}.
				 */
				private boolean readPast(Instant due, long[] read) {
					int partition = this.context.taskId().partition();
					for (int i = 0; i < HELD_BY.size(); i++) {
						java.util.OptionalLong end = inputEnds().endSince(HELD_BY.get(i).name(), partition, due);
						if (end.isEmpty() || read[i] < end.getAsLong()) {
							return false;
						}
					}
					return true;
				}

				/** How far this task has read each of {@link #HELD_BY}: noted here, or committed by the application. */
				private long[] readSoFar() {
					int partition = this.context.taskId().partition();
					long[] read = new long[HELD_BY.size()];
					for (int i = 0; i < read.length; i++) {
						String topic = HELD_BY.get(i).name();
						Long noted = this.read.get(topic + '|' + partition);
						read[i] = Math.max((noted != null) ? noted : 0L,
								inputEnds().committed(topic, partition).orElse(0L));
					}
					return read;
				}

				private void fireDue(Instant now) {
					long started = System.nanoTime();
					List<KeyValue<String, String>> due = new ArrayList<>();
					// Read up to now, a bounded amount per tick; the rest waits for the next tick.
					try (KeyValueIterator<String, String> it = this.deadlines.range(StateStores.epochKey(0),
							StateStores.epochKey(now.toEpochMilli()) + '~')) {
						while (it.hasNext() && due.size() < policy().settings().maxPerTick()) {
							due.add(it.next());
						}
					}
					long[] read = due.isEmpty() ? new long[0] : readSoFar();
					for (KeyValue<String, String> entry : due) {
						long at = Long.parseLong(entry.key.substring(0, 20));
						if (!readPast(Instant.ofEpochMilli(at), read)) {
							// The wait runs from the step falling due, or from this task starting after an outage.
							Instant waitFrom = Instant.ofEpochMilli(Math.max(at, this.startedAt.toEpochMilli()));
							if (Duration.between(waitFrom, now).compareTo(policy().settings().readWait()) < 0) {
								// What was written before it is still to be read: it and every later step wait.
								break;
							}
							this.unconfirmed.increment();
							logger.warn("The SLA step {} is taken {} after it fell due without having read every touch, "
									+ "return and outcome written before it (handoff.sla.read-wait)", entry.key,
									Duration.between(Instant.ofEpochMilli(at), now));
						}
						this.deadlines.delete(entry.key);
						SlaClock clock = this.clocks.get(entry.value);
						if (clock == null) {
							continue;
						}
						String kind = entry.key.substring(entry.key.lastIndexOf('|') + 1);
						for (SlaClock.Step step : clock.pending()) {
							if (step.at().toEpochMilli() == at && step.kind().name().equals(kind)) {
								fire(clock, step, now);
								break;
							}
						}
					}
					// The tick's cost follows the due clocks, not the open ones; on call watches it against the interval.
					this.tick.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
				}

				private void fire(SlaClock clock, SlaClock.Step step, Instant now) {
					SlaEvent.Type type = null;
					SlaEvent.Clock which = SlaEvent.Clock.FIRST_TOUCH;
					Instant deadline = clock.firstTouchDue();
					SlaClock.State next = clock.state();
					switch (step.kind()) {
						case WARNING -> type = (clock.state() == SlaClock.State.RUNNING) ? SlaEvent.Type.WARNING : null;
						case BREACH -> {
							if (clock.state() == SlaClock.State.RUNNING) {
								type = SlaEvent.Type.BREACH;
								next = SlaClock.State.BREACHED;
							}
						}
						case IGNORED -> {
							if (clock.state() == SlaClock.State.BREACHED) {
								type = SlaEvent.Type.IGNORED;
								next = SlaClock.State.IGNORED;
							}
						}
						// Still untouched: routing gives the lead to another rep, whose assignment restarts the clock.
						case REASSIGN -> type = (clock.state() == SlaClock.State.BREACHED) ? SlaEvent.Type.ESCALATION
								: null;
						case FOLLOW_UP_DUE -> {
							if (clock.attempts() < clock.attemptsOwed()) {
								type = SlaEvent.Type.BREACH;
								which = SlaEvent.Clock.FOLLOW_UP;
								deadline = clock.followUpDue();
							}
						}
					}
					SlaEvent event = (type != null) ? new SlaEvent(UUID.randomUUID(), now, clock.leadId(), clock.repId(),
							type, which, deadline) : null;
					this.clocks.put(clock.leadId().toString(), clock.after(step, event, next));
					if (event != null) {
						// Who the lead is travels on sla.events for the notifications; the clock's history keeps the step.
						this.context.forward(new Record<>(clock.leadId().toString(), event.about(clock.lead()),
								now.toEpochMilli()));
						logger.atInfo()
							.addKeyValue("leadId", clock.leadId())
							.addKeyValue("repId", clock.repId())
							.addKeyValue("slaEvent", event.type())
							.log("SLA {} on the {} of rep {}, due {}", event.type(), which, clock.repId(), deadline);
						this.counters
							.computeIfAbsent(event.type().name() + '|' + which.name(), (key) -> meters()
								.counter("handoff.sla.events", "type", event.type().name(), "clock", event.clock().name()))
							.increment();
					}
				}

				private void save(SlaClock clock) {
					this.clocks.put(clock.leadId().toString(), clock);
					for (SlaClock.Step step : clock.pending()) {
						this.deadlines.put(deadlineKey(step, clock.leadId()), clock.leadId().toString());
					}
				}

				private void unschedule(SlaClock clock) {
					for (SlaClock.Step step : clock.pending()) {
						this.deadlines.delete(deadlineKey(step, clock.leadId()));
					}
				}

			};
		}

		private static Duration scaled(Duration duration, double share) {
			return Duration.ofMillis(Math.round(duration.toMillis() * share));
		}

		@Override
		public Set<StoreBuilder<?>> stores() {
			return Set.of(
					StateStores.keyValue(CLOCKS_STORE, CLOCK_SERDE),
					StateStores.keyValue(DEADLINES_STORE, Serdes.String()),
					StateStores.keyValue(READ_STORE, Serdes.Long()), LeadErased.store());
		}

	}

}

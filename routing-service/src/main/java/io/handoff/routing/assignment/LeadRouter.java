package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadSummary;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.SalesRep;
import io.handoff.events.SlaEvent;
import io.handoff.events.StateStores;
import io.handoff.routing.roster.Roster;

/**
 * The first half of routing, keyed by lead: decides what a lead needs (a rep, another rep, the same rep again, or
 * none any more), takes the steps that need only the organisation (account match, territory), and sends the request
 * to the team queue that decides. It reads its own assignments back from {@code leads.assigned}, so it always knows
 * who holds a lead. A lead is asked a rep once per transition to sales-ready.
 */
record LeadRouter(Supplier<Roster> roster, BusinessCalendars.Built calendars,
		Clock clock) implements ProcessorSupplier<String, Object, String, QueueRequest> {

	/** Each lead's routing, by lead id: the assignment API reads it. */
	static final String STORE = "lead-routing";

	@Override
	public Processor<String, Object, String, QueueRequest> get() {
		return new Processor<>() {

			private ProcessorContext<String, QueueRequest> context;

			private KeyValueStore<String, LeadRouting> leads;

			/** The leads erased: their later events are taken without the person. */
			private KeyValueStore<String, Long> erased;

			private KeyValueStore<String, Object> agreements;

			/** The record being processed: its headers (trace context among them) go on with what it causes. */
			private org.apache.kafka.common.header.Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders();

			@Override
			public void init(ProcessorContext<String, QueueRequest> context) {
				this.context = context;
				this.leads = context.getStateStore(STORE);
				this.erased = context.getStateStore(LeadErased.STORE);
				this.agreements = context.getStateStore(AgreementSerde.STORE);
			}

			@Override
			public void process(Record<String, Object> record) {
				this.headers = record.headers();
				Object event = record.value();
				Long erasedAt = (event != null && !(event instanceof LeadErased)) ? this.erased.get(record.key()) : null;
				if (erasedAt != null && LeadErased.before(event, erasedAt)) {
					// Written before the lead's erasure, read after it: taken without the person.
					event = LeadErased.anonymized(event);
				}
				else if (erasedAt != null && event instanceof LeadScored) {
					// The person came back after being forgotten: their new inquiry is theirs.
					this.erased.delete(record.key());
				}
				take(record.key(), event);
			}

			/** Takes one event of the lead {@code leadId} (every input is keyed by lead id). */
			private void take(String leadId, @Nullable Object event) {
				if (event instanceof LeadScored scored) {
					scored(scored);
				}
				else if (event instanceof LeadAssigned assigned) {
					assigned(assigned);
				}
				else if (event instanceof LeadOutcome outcome) {
					close(outcome.leadId(), "outcome: " + outcome.outcome());
				}
				else if (event instanceof LeadErased erased) {
					erase(erased);
				}
				else if (early(leadId, event)) {
					// Kept with the lead until its assignment is read back.
				}
				else if (event instanceof LeadReturned returned) {
					returned(returned);
				}
				else if (event instanceof Ruling ruling) {
					ruled(ruling);
				}
				else if (event instanceof SlaEvent sla) {
					escalated(sla);
				}
				else {
					throw new IllegalArgumentException("routing does not read "
							+ ((event != null) ? event.getClass().getSimpleName() : "an empty record"));
				}
			}

			private void scored(LeadScored scored) {
				if (leftSalesReady(scored)) {
					LeadRouting waiting = this.leads.get(scored.leadId().toString());
					if (waiting != null && waiting.state() == LeadRouting.State.WAITING && waiting.current() == null) {
						// Faded (or re-scored) below sales-ready while it waited for a first rep: no rep gets it now.
						close(scored.leadId(), LEFT_SALES_READY + scored.stageReason());
					}
					return;
				}
				if (!scored.entered(LeadScored.Stage.SALES_READY)) {
					return;
				}
				LeadRouting lead = routing(scored.leadId());
				if (scored.eventId().equals(lead.transition()) || lead.state() == LeadRouting.State.WAITING
						|| lead.state() == LeadRouting.State.ASSIGNED || lead.state() == LeadRouting.State.RETURNED) {
					// The same transition again, or a lead sales still has: one rep per transition.
					return;
				}
				Instant now = clock().instant();
				LeadReceived received = scored.lead();
				String emailDomain = Route.emailDomain(received.email());
				Route route = Route.of(roster().get(), received.company(), emailDomain, now,
						workingHoursOnly(this.agreements), calendars());
				String team = route.team();
				String owner = route.ownerRepId();
				List<String> reasons = route.reasons();
				LeadRouting.RoutedAs routedAs = new LeadRouting.RoutedAs(received.company(),
						emailDomain, now, LeadSummary.of(scored), scored.grade(),
						scored.agreementVersion());
				request(lead.routedAs(routedAs).requested(scored.eventId(), team, now), QueueRequest.Kind.ASSIGN, team, owner,
						scored.grade(), scored.agreementVersion(), received.occurredAt(), reasons, LeadSummary.of(scored));
			}

			/** Why a lead that faded while it waited for a rep left routing. */
			private static final String LEFT_SALES_READY = "left sales-ready before a rep took it: ";

			/**
			 * Whether marketing's scores took the lead out of sales-ready (to a stage of marketing's: a stage this
			 * version does not know is not one).
			 */
			private static boolean leftSalesReady(LeadScored scored) {
				return scored.previousStage() == LeadScored.Stage.SALES_READY && switch (scored.stage()) {
					case INQUIRY, MQL, NURTURE, DISQUALIFIED -> true;
					default -> false;
				};
			}

			/** The person is forgotten: their name leaves every assignment, note and queue place routing keeps. */
			private void erase(LeadErased erased) {
				this.erased.put(erased.leadId().toString(), erased.occurredAt().toEpochMilli());
				LeadRouting lead = this.leads.get(erased.leadId().toString());
				if (lead == null) {
					return;
				}
				this.leads.put(erased.leadId().toString(), lead.erased());
				if (lead.state() == LeadRouting.State.WAITING && lead.queue() != null) {
					forward(new QueueRequest(QueueRequest.Kind.ERASE, erased.leadId(), lead.queue(), null, "", 0,
							clock().instant(), clock().instant(), List.of(), null));
				}
			}

			private void assigned(LeadAssigned assigned) {
				LeadRouting lead = routing(assigned.leadId());
				if (lead.state() == LeadRouting.State.CLOSED && lead.closedBecause() != null
						&& lead.closedBecause().startsWith(LEFT_SALES_READY)) {
					// It faded while its rep was being picked: the rep has it now (and its clock runs), so it stays.
					lead = lead.released(LeadRouting.State.WAITING, null);
				}
				if (lead.current() != null && lead.current().eventId().equals(assigned.eventId())) {
					return;
				}
				LeadRouting next = lead.assigned(assigned);
				this.leads.put(assigned.leadId().toString(), next.withoutEarly());
				if (lead.state() == LeadRouting.State.CLOSED) {
					// Closed while the assignment was on its way: the rep does not hold it.
					forward(new QueueRequest(QueueRequest.Kind.RELEASE, assigned.leadId(), assigned.team(),
							assigned.repId(), assigned.grade(), assigned.agreementVersion(), assigned.occurredAt(),
							clock().instant(), List.of(lead.closedBecause()), null));
				}
				// What came before the assignment was read back is taken now, in the order it came.
				next.early().forEach((early) -> take(assigned.leadId().toString(), early.event()));
			}

			/**
			 * Keeps a return or an escalation of a lead whose assignment is on its way back (it waits for a rep as far
			 * as routing has read), and a ruling on a lead no assignment of which has been read back yet; whether it
			 * was kept. Taken at once, they would be lost: nobody holds the lead yet, as far as routing knows.
			 */
			private boolean early(String leadId, @Nullable Object event) {
				if (!(event instanceof LeadReturned || event instanceof SlaEvent || event instanceof Ruling)) {
					return false;
				}
				LeadRouting lead = this.leads.get(leadId);
				if (lead == null || lead.state() != LeadRouting.State.WAITING
						|| (event instanceof Ruling && lead.current() != null)) {
					return false;
				}
				this.leads.put(leadId, lead.withEarly(LeadRouting.Early.of(event)));
				return true;
			}

			private void returned(LeadReturned returned) {
				LeadRouting lead = routing(returned.leadId());
				if (lead.state() != LeadRouting.State.ASSIGNED || !lead.current().repId().equals(returned.repId())) {
					return;
				}
				if (!LeadAgreement.agreedReturn(AgreementSerde.inForce(this.agreements), returned.reasonCode())) {
					// Not a reason the agreement lists: the lead stays with its rep while the judge looks at it.
					return;
				}
				release(lead);
				this.leads.put(lead.leadId().toString(), lead.released(LeadRouting.State.RETURNED,
						"returned by " + returned.repId() + ": " + returned.reasonCode()));
			}

			private void close(UUID leadId, String because) {
				LeadRouting lead = this.leads.get(leadId.toString());
				if (lead == null) {
					return;
				}
				if (lead.state() == LeadRouting.State.WAITING) {
					forward(new QueueRequest(QueueRequest.Kind.CANCEL, leadId, lead.queue(), null, "", 0,
							clock().instant(), clock().instant(), List.of(because), null));
				}
				release(lead);
				this.leads.put(leadId.toString(), lead.released(LeadRouting.State.CLOSED, because));
			}

			private void release(LeadRouting lead) {
				if (lead.held() && lead.current() != null) {
					LeadAssigned current = lead.current();
					forward(new QueueRequest(QueueRequest.Kind.RELEASE, lead.leadId(), current.team(), current.repId(),
							current.grade(), current.agreementVersion(), current.occurredAt(), clock().instant(),
							List.of(), null));
				}
			}

			private void ruled(Ruling ruling) {
				String because = "ruling of " + ruling.judge() + " on case " + ruling.caseId() + ": " + ruling.reason();
				switch (ruling.decision()) {
					case RETURN_TO_MARKETING -> close(ruling.leadId(), "returned to marketing by " + because);
					case REASSIGN -> again(ruling.leadId(), QueueRequest.Kind.REASSIGN, "reassigned by " + because);
					case FOLLOW_UP_REQUIRED -> again(ruling.leadId(), QueueRequest.Kind.FOLLOW_UP,
							"sales must follow up, by " + because);
				}
			}

			private void escalated(SlaEvent sla) {
				LeadRouting lead = this.leads.get(sla.leadId().toString());
				if (sla.type() != SlaEvent.Type.ESCALATION || lead == null || lead.state() != LeadRouting.State.ASSIGNED
						|| !lead.current().repId().equals(sla.repId())) {
					return;
				}
				again(sla.leadId(), QueueRequest.Kind.REASSIGN, "reassigned by SLA escalation: the " + sla.clock()
						.name()
						.toLowerCase(java.util.Locale.ROOT)
						.replace('_', ' ') + " due " + sla.deadline() + " was missed by " + sla.repId());
			}

			/** A ruling or escalation asks for the lead's rep again: another one, or the same. */
			private void again(UUID leadId, QueueRequest.Kind kind, String because) {
				LeadRouting lead = this.leads.get(leadId.toString());
				if (lead == null || lead.current() == null) {
					throw new IllegalStateException("Lead " + leadId + " was never assigned here, so it cannot be "
							+ kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "ed: " + because);
				}
				LeadAssigned current = lead.current();
				List<String> reasons = List.of(because, "previously with " + current.repName() + " (" + current.team() + ")");
				// Every rep the lead was with: a reassignment goes to one who has not had it while one can take it.
				List<String> hadIt = lead.history().stream().map(LeadAssigned::repId).distinct().toList();
				request(lead.requested(null, current.team(), clock().instant()), kind, current.team(), current.repId(),
						current.grade(), current.agreementVersion(), current.occurredAt(), reasons, current.lead(),
						(kind == QueueRequest.Kind.REASSIGN) ? hadIt : List.of());
			}

			private void request(LeadRouting lead, QueueRequest.Kind kind, String team, @Nullable String repId,
					String grade, int agreementVersion, Instant receivedAt, List<String> reasons,
					@Nullable LeadSummary summary) {
				request(lead, kind, team, repId, grade, agreementVersion, receivedAt, reasons, summary, List.of());
			}

			private void request(LeadRouting lead, QueueRequest.Kind kind, String team, @Nullable String repId,
					String grade, int agreementVersion, Instant receivedAt, List<String> reasons,
					@Nullable LeadSummary summary, List<String> hadIt) {
				this.leads.put(lead.leadId().toString(), lead);
				forward(new QueueRequest(kind, lead.leadId(), team, repId, grade, agreementVersion, receivedAt,
						lead.requestedAt(), reasons, summary, hadIt));
			}

			private void forward(QueueRequest request) {
				this.context.forward(new Record<>(request.team(), request, clock().instant().toEpochMilli(), this.headers));
			}

			private LeadRouting routing(UUID leadId) {
				LeadRouting lead = this.leads.get(leadId.toString());
				return (lead != null) ? lead : LeadRouting.unknown(leadId);
			}


		};
	}

	/** Whether the agreement in force gives leads only to reps inside their working hours. */
	static boolean workingHoursOnly(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, ?> agreements) {
		LeadAgreement agreement = AgreementSerde.inForce(agreements);
		return agreement != null && agreement.sla() != null && agreement.sla().workingHoursOnly();
	}

	@Override
	public Set<StoreBuilder<?>> stores() {
		return Set.of(StateStores.keyValue(STORE, LeadEventsJson.serde(LeadRouting.class)), LeadErased.store());
	}

}

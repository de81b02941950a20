package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadSummary;
import io.handoff.events.Lists;
import io.handoff.events.RoutingStep;

/**
 * What a team queue is asked to do for one lead; every request of a team meets on one
 * partition, where the team's round robin, open-lead counts and overflow queue live.
 *
 * @param kind what is asked
 * @param leadId the lead
 * @param team the team whose queue decides
 * @param repId the account owner to assign to (ASSIGN), the rep to leave out (REASSIGN),
 * the rep to give the lead again (FOLLOW_UP), the rep who no longer holds it (RELEASE)
 * @param grade the lead's fit grade
 * @param agreementVersion the agreement version the lead was scored under
 * @param receivedAt when intake accepted the lead
 * @param requestedAt when routing was asked
 * @param steps the steps taken so far (an earlier release wrote them in words, as
 * {@code reasons})
 * @param lead who the lead is, in brief, for its assignment (ASSIGN, REASSIGN, FOLLOW_UP)
 * @param hadIt the reps the lead was with before (REASSIGN): it goes to one who has not
 * had it while one can take it
 */
record QueueRequest(Kind kind, UUID leadId, String team, @Nullable String repId, String grade, int agreementVersion,
		Instant receivedAt, Instant requestedAt, List<RoutingStep> steps, @Nullable LeadSummary lead,
		List<String> hadIt) {

	QueueRequest {
		steps = List.copyOf(steps);
		// Requests written before reps were remembered have none.
		hadIt = Lists.copyOf(hadIt);
	}

	QueueRequest(Kind kind, UUID leadId, String team, @Nullable String repId, String grade, int agreementVersion,
			Instant receivedAt, Instant requestedAt, List<RoutingStep> steps, @Nullable LeadSummary lead) {
		this(kind, leadId, team, repId, grade, agreementVersion, receivedAt, requestedAt, steps, lead, List.of());
	}

	/**
	 * A request as written to the repartition topic and the overflow store: its steps,
	 * and beside them the same steps in words, which an earlier release wrote alone (and
	 * reads alone, should it run again); a step of a kind this release does not know
	 * keeps its words.
	 */
	@JsonCreator
	static QueueRequest read(@JsonProperty("kind") Kind kind, @JsonProperty("leadId") UUID leadId,
			@JsonProperty("team") String team, @JsonProperty("repId") @Nullable String repId,
			@JsonProperty("grade") String grade, @JsonProperty("agreementVersion") int agreementVersion,
			@JsonProperty("receivedAt") Instant receivedAt, @JsonProperty("requestedAt") Instant requestedAt,
			@JsonProperty("steps") @Nullable List<RoutingStep> steps,
			@JsonProperty("reasons") @Nullable List<String> reasons, @JsonProperty("lead") @Nullable LeadSummary lead,
			@JsonProperty("hadIt") @Nullable List<String> hadIt) {
		List<RoutingStep> read = (steps != null) ? RoutingStep.withWords(steps, reasons)
				: (reasons != null) ? reasons.stream().<RoutingStep>map(RoutingStep.Said::new).toList() : List.of();
		return new QueueRequest(kind, leadId, team, repId, grade, agreementVersion, receivedAt, requestedAt, read, lead,
				hadIt);
	}

	/** The steps in words, written beside them. */
	@JsonProperty("reasons")
	List<String> reasons() {
		return RoutingStep.sentences(this.steps);
	}

	/** What a team queue is asked. */
	enum Kind {

		/** Give the lead to the account owner named, else to the next rep in turn. */
		ASSIGN,
		/** Give the lead to another rep than the one named. */
		REASSIGN,
		/** Give the lead again to the rep named. */
		FOLLOW_UP,
		/** The rep named no longer holds the lead: one open lead fewer. */
		RELEASE,
		/** The lead no longer needs a rep: leave the overflow queue. */
		CANCEL,
		/** The person was erased: their place in the queue keeps no name. */
		ERASE

	}

}

package io.handoff.console.desk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Lists;
import io.handoff.events.SalesActivity;
import io.handoff.events.ScoreLine;
import io.handoff.events.SlaEvent;
import io.handoff.events.StageChange;

/**
 * What the services know of a lead, as its timeline shows it: the events themselves, as
 * their services wrote them (every list given, empty for none).
 *
 * @param score its latest score, if it was scored
 * @param stages every change of its stage, oldest first (scoring's; arbitration keeps
 * none)
 * @param scores the scores arbitration kept from the handoff on
 * @param assignments every assignment, oldest first (arbitration keeps the latest)
 * @param activities the rep's activities
 * @param sla the SLA's steps
 * @param returns the times a rep sent it back
 */
public record Evidence(@Nullable LeadScored score, List<StageChange> stages, List<ScoreLine> scores,
		List<LeadAssigned> assignments, List<SalesActivity> activities, List<SlaEvent> sla,
		List<LeadReturned> returns) {

	/** What is known of a lead nobody knows. */
	public static final Evidence NONE = new Evidence(null, List.of(), List.of(), List.of(), List.of(), List.of(),
			List.of());

	/** The evidence of a case as arbitration answers with it: its latest assignment. */
	@JsonCreator
	static Evidence ofCase(@JsonProperty("score") @Nullable LeadScored score,
			@JsonProperty("scores") @Nullable List<ScoreLine> scores,
			@JsonProperty("assignment") @Nullable LeadAssigned assignment,
			@JsonProperty("activities") @Nullable List<SalesActivity> activities,
			@JsonProperty("sla") @Nullable List<SlaEvent> sla,
			@JsonProperty("returns") @Nullable List<LeadReturned> returns) {
		return new Evidence(score, List.of(), Lists.copyOf(scores),
				(assignment != null) ? List.of(assignment) : List.of(), Lists.copyOf(activities), Lists.copyOf(sla),
				Lists.copyOf(returns));
	}

}

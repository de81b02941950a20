package io.handoff.events;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Why a lead is routed again: the judge's ruling or the SLA escalation, and who had it.
 * The {@link RoutingStep}s of routing, as values.
 */
public final class AgainSteps {

	private AgainSteps() {
	}

	/**
	 * The judge ruled that the lead goes to another rep, or back to its rep.
	 *
	 * @param decision {@code REASSIGN} or {@code FOLLOW_UP_REQUIRED}
	 * @param judge the judge
	 * @param caseId the case
	 * @param reason the judge's words
	 */
	public record Ruled(Ruling.Decision decision, String judge, UUID caseId, String reason) implements RoutingStep {

		/** The step of {@code ruling}. */
		public static Ruled of(Ruling ruling) {
			return new Ruled(ruling.decision(), ruling.judge(), ruling.caseId(), ruling.reason());
		}

		@Override
		public String sentence() {
			return switch (this.decision) {
				case FOLLOW_UP_REQUIRED -> "sales must follow up, by";
				case RETURN_TO_MARKETING -> "returned to marketing by";
				default -> "reassigned by";
			} + " ruling of " + this.judge + " on case " + this.caseId + ": " + this.reason;
		}

		/** The judge's words may name the person: the whole step goes, as before. */
		@Override
		public RoutingStep erased() {
			return new Said(LeadErased.ERASED);
		}

	}

	/**
	 * The SLA escalation asked for another rep.
	 *
	 * @param clock the obligation missed
	 * @param deadline when it was due
	 * @param repId the rep who missed it
	 */
	public record Escalated(SlaEvent.Clock clock, @Nullable Instant deadline, String repId) implements RoutingStep {

		@Override
		public String sentence() {
			return "reassigned by SLA escalation: the " + this.clock.name().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ " due " + this.deadline + " was missed by " + this.repId;
		}

	}

	/**
	 * The rep and team the lead was with before a ruling or an escalation.
	 *
	 * @param repName the rep
	 * @param team the team
	 */
	public record PreviouslyWith(String repName, String team) implements RoutingStep {

		@Override
		public String sentence() {
			return "previously with " + this.repName + " (" + this.team + ")";
		}

	}

}

package io.handoff.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One step of routing's choice of a rep, as a value: what routing found, not a sentence
 * about it. Routing decides in steps; whoever shows them to people turns them into words
 * with {@link #sentence()} (the API, the console, and the {@code reasons} of
 * {@link LeadAssigned} for readers that read words). Written as JSON with its
 * {@code kind}; a kind this release does not know, and a step written in words only by an
 * earlier release, read as {@link Said}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = RoutingStep.Said.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = RoutingStep.NoAccount.class, name = "NO_ACCOUNT"),
		@JsonSubTypes.Type(value = RoutingStep.AccountOwner.class, name = "ACCOUNT_OWNER"),
		@JsonSubTypes.Type(value = RoutingStep.OwnerAway.class, name = "OWNER_AWAY"),
		@JsonSubTypes.Type(value = RoutingStep.InTerritory.class, name = "TERRITORY"),
		@JsonSubTypes.Type(value = RoutingStep.NoTerritory.class, name = "NO_TERRITORY"),
		@JsonSubTypes.Type(value = RoutingStep.RoundRobin.class, name = "ROUND_ROBIN"),
		@JsonSubTypes.Type(value = RoutingStep.NoRepFree.class, name = "NO_REP_FREE"),
		@JsonSubTypes.Type(value = RoutingStep.FollowUp.class, name = "FOLLOW_UP"),
		@JsonSubTypes.Type(value = RoutingStep.FollowUpRepGone.class, name = "FOLLOW_UP_REP_GONE"),
		@JsonSubTypes.Type(value = RoutingStep.Overflowed.class, name = "OVERFLOWED"),
		@JsonSubTypes.Type(value = RoutingStep.WaitsBehind.class, name = "WAITS_BEHIND"),
		@JsonSubTypes.Type(value = RoutingStep.Ruled.class, name = "RULED"),
		@JsonSubTypes.Type(value = RoutingStep.Escalated.class, name = "ESCALATED"),
		@JsonSubTypes.Type(value = RoutingStep.PreviouslyWith.class, name = "PREVIOUSLY_WITH"),
		@JsonSubTypes.Type(value = RoutingStep.Said.class, name = "SAID") })
public sealed interface RoutingStep {

	/** The step in words, for people. */
	String sentence();

	/**
	 * The step as an erased person's lead keeps it: without the judge's words about them
	 * (everything else routing found is about the organisation, not the person).
	 */
	default RoutingStep erased() {
		return this;
	}

	/** Each step in words, in order. */
	static List<String> sentences(List<RoutingStep> steps) {
		return steps.stream().map(RoutingStep::sentence).toList();
	}

	/**
	 * {@code steps} with the words {@code reasons} give for each step of a kind this
	 * release does not know (the same steps in words, in the same order, as a writer
	 * writes them beside its steps).
	 */
	static List<RoutingStep> withWords(List<RoutingStep> steps, @Nullable List<String> reasons) {
		if (reasons == null || reasons.size() != steps.size()) {
			return steps;
		}
		List<RoutingStep> worded = new ArrayList<>(steps.size());
		for (int i = 0; i < steps.size(); i++) {
			worded.add(Said.NEWER.equals(steps.get(i)) ? new Said(reasons.get(i)) : steps.get(i));
		}
		return List.copyOf(worded);
	}

	/**
	 * No account matched the lead's company.
	 *
	 * @param domains the company's and the email's domains that were looked up
	 * @param companyName the company name looked up too, {@code null} when accounts are
	 * not matched by name
	 * @param ambiguous whether the name is as like two accounts or more
	 * @param nameThreshold how similar a name must be to match
	 */
	record NoAccount(List<String> domains, @Nullable String companyName, boolean ambiguous,
			double nameThreshold) implements RoutingStep {

		@Override
		public String sentence() {
			String byDomain = this.domains.isEmpty() ? "(no company or email domain)" : String.join(", ", this.domains);
			if (this.companyName == null) {
				return "account: no account matches " + byDomain;
			}
			return "account: no account matches " + byDomain + ", nor the company name '" + this.companyName + "'"
					+ (this.ambiguous ? " (it is as like two accounts or more: none is taken)"
							: " (no account name is at least " + this.nameThreshold + " similar)");
		}

	}

	/**
	 * The lead's account is owned by a rep who can take it.
	 *
	 * @param account the account's name
	 * @param how how it matched (domain, name)
	 * @param repName the owner
	 * @param team the owner's team
	 */
	record AccountOwner(String account, String how, String repName, String team) implements RoutingStep {

		@Override
		public String sentence() {
			return "account: " + this.account + " (" + this.how + "), owned by " + this.repName + " (" + this.team
					+ ")";
		}

	}

	/**
	 * The lead's account is owned by a rep who cannot take it.
	 *
	 * @param account the account's name
	 * @param how how it matched
	 * @param ownerRepId the owner
	 * @param unavailable why the owner cannot take it now, {@code null} when the owner is
	 * not on the roster
	 */
	record OwnerAway(String account, String how, String ownerRepId,
			@Nullable String unavailable) implements RoutingStep {

		@Override
		public String sentence() {
			return "account: " + this.account + " (" + this.how + "), but its owner " + ((this.unavailable == null)
					? this.ownerRepId + " is not on the roster" : "is unavailable: " + this.unavailable);
		}

	}

	/**
	 * A territory takes the lead.
	 *
	 * @param name the territory
	 * @param rules its rules, in words
	 * @param team the team that sells it
	 * @param passed the territories before it that did not take the lead, and why
	 */
	record InTerritory(String name, String rules, String team, List<String> passed) implements RoutingStep {

		@Override
		public String sentence() {
			return "territory: " + this.name + " (" + this.rules + ") is sold by team " + this.team
					+ (this.passed.isEmpty() ? "" : "; not " + String.join("; not ", this.passed));
		}

	}

	/**
	 * No territory takes the lead.
	 *
	 * @param passed each territory and why it did not
	 * @param queue the queue the lead waits in
	 */
	record NoTerritory(List<String> passed, String queue) implements RoutingStep {

		@Override
		public String sentence() {
			return "territory: none takes this lead (" + String.join("; ", this.passed) + "); it waits in queue '"
					+ this.queue + "' until a territory does";
		}

	}

	/**
	 * The weighted round robin gave the lead to the rep owed the most.
	 *
	 * @param team the team
	 * @param members the team's reps
	 * @param available the reps who could take it
	 * @param skipped the reps passed over, and why
	 * @param hadItAgain whether only reps who had the lead before could take it, so they
	 * were in turn again
	 * @param repName the rep who got it
	 * @param weight that rep's weight
	 * @param owed the leads that rep was owed
	 */
	record RoundRobin(String team, int members, int available, List<Skip> skipped, boolean hadItAgain, String repName,
			int weight, double owed) implements RoutingStep {

		@Override
		public String sentence() {
			return "round robin: " + this.available + " of " + this.members + " reps of team " + this.team
					+ " can take it" + Skip.sentence(this.skipped, this.hadItAgain) + "; " + this.repName + " (weight "
					+ this.weight + ") was owed the most, " + twoDecimals(this.owed) + " leads";
		}

		/** {@code 0.92}: as {@code String.format("%.2f")} writes it, for less. */
		private static String twoDecimals(double value) {
			return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
		}

	}

	/**
	 * No rep of the team can take the lead now: it waits in the team's overflow queue.
	 *
	 * @param team the team
	 * @param members the team's reps
	 * @param skipped each rep passed over, and why
	 */
	record NoRepFree(String team, int members, List<Skip> skipped) implements RoutingStep {

		@Override
		public String sentence() {
			return "round robin: no rep of team " + this.team + " can take it now (" + this.members + " on the team"
					+ Skip.sentence(this.skipped, false) + "); it waits in the team's overflow queue";
		}

	}

	/**
	 * A rep passed over in a round robin.
	 *
	 * @param repName the rep
	 * @param why why
	 * @param unavailable why the rep is unavailable, in the rep's calendar's words
	 * ({@link Why#UNAVAILABLE})
	 * @param open the rep's open leads ({@link Why#AT_CAPACITY})
	 * @param max the most open leads the rep takes ({@link Why#AT_CAPACITY})
	 */
	record Skip(String repName, Why why, @Nullable String unavailable, int open, int max) {

		/** Why a rep is passed over. */
		public enum Why {

			/** Inactive, away, or outside working hours. */
			UNAVAILABLE,
			/** The rep the lead leaves (a reassignment). */
			LEAVES,
			/** At capacity. */
			AT_CAPACITY,
			/** The rep had the lead before. */
			HAD_IT,

			/** A reason a newer release added; never written. */
			@JsonEnumDefaultValue
			UNKNOWN

		}

		public String sentence() {
			return switch (this.why) {
				case UNKNOWN -> this.repName + " is passed over";
				case UNAVAILABLE -> String.valueOf(this.unavailable);
				case LEAVES -> this.repName + " is the rep the lead leaves";
				case AT_CAPACITY -> this.repName + " holds " + this.open + " of at most " + this.max + " open leads";
				case HAD_IT -> this.repName + " had the lead before";
			};
		}

		static String sentence(List<Skip> skipped, boolean hadItAgain) {
			return (skipped.isEmpty() ? ""
					: "; skipped: " + skipped.stream().map(Skip::sentence).collect(Collectors.joining("; ")))
					+ (hadItAgain
							? "; nobody who has not had the lead can take it, so those who had it are in turn again"
							: "");
		}

	}

	/**
	 * A follow-up goes back to the rep who had the lead.
	 *
	 * @param repName the rep
	 */
	record FollowUp(String repName) implements RoutingStep {

		@Override
		public String sentence() {
			return "follow-up: the lead goes back to " + this.repName;
		}

	}

	/**
	 * A follow-up's rep is no longer on the roster: the lead takes a turn instead.
	 *
	 * @param repId the rep
	 */
	record FollowUpRepGone(String repId) implements RoutingStep {

		@Override
		public String sentence() {
			return "follow-up: " + this.repId + " is no longer on the roster";
		}

	}

	/**
	 * The lead waited in the team's overflow queue before its turn.
	 *
	 * @param team the team
	 * @param waited how long, to the second
	 */
	record Overflowed(String team, Duration waited) implements RoutingStep {

		@Override
		public String sentence() {
			return "overflow: waited " + this.waited.withNanos(0) + " in team " + this.team + "'s queue";
		}

	}

	/**
	 * A lead tried now would wait behind the leads already in the team's overflow queue.
	 *
	 * @param ahead the leads waiting
	 * @param team the team
	 */
	record WaitsBehind(int ahead, String team) implements RoutingStep {

		@Override
		public String sentence() {
			return "overflow: " + this.ahead + " lead(s) already wait in team " + this.team
					+ "'s queue: it would wait behind them, and reps take them first, in order, as they free up";
		}

	}

	/**
	 * The judge ruled that the lead goes to another rep, or back to its rep.
	 *
	 * @param decision {@code REASSIGN} or {@code FOLLOW_UP_REQUIRED}
	 * @param judge the judge
	 * @param caseId the case
	 * @param reason the judge's words
	 */
	record Ruled(Ruling.Decision decision, String judge, UUID caseId, String reason) implements RoutingStep {

		@Override
		public String sentence() {
			return ((this.decision == Ruling.Decision.FOLLOW_UP_REQUIRED) ? "sales must follow up, by"
					: "reassigned by") + " ruling of " + this.judge + " on case " + this.caseId + ": " + this.reason;
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
	record Escalated(SlaEvent.Clock clock, @Nullable Instant deadline, String repId) implements RoutingStep {

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
	record PreviouslyWith(String repName, String team) implements RoutingStep {

		@Override
		public String sentence() {
			return "previously with " + this.repName + " (" + this.team + ")";
		}

	}

	/**
	 * A step in words only: as an earlier release wrote its steps (a string), or one of a
	 * kind this release does not know (its words are in the assignment's
	 * {@code reasons}).
	 *
	 * @param sentence the words
	 */
	record Said(String sentence) implements RoutingStep {

		/**
		 * A step of a kind this release does not know, read without its words (they are
		 * in the {@code reasons} beside it: {@link RoutingStep#withWords}).
		 */
		static final Said NEWER = new Said("(a step of a newer release)");

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		public Said(@JsonProperty("sentence") @Nullable String sentence) {
			this.sentence = (sentence != null) ? sentence : "(a step of a newer release)";
		}

		/**
		 * Words an earlier release wrote may hold the judge's: taken away as that release
		 * took them away.
		 */
		@Override
		public RoutingStep erased() {
			return new Said(LeadErased.withoutWords(this.sentence));
		}

		/** A step an earlier release wrote as a string. */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Said words(String sentence) {
			return new Said(sentence);
		}

	}

}

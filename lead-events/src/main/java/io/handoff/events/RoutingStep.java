package io.handoff.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One step of routing's choice of a rep, as a value: what routing found, not a sentence
 * about it. The steps that find a lead's team are {@link RouteSteps}, those of the team's
 * queue {@link TurnSteps}, those that route a lead again {@link AgainSteps}. Routing
 * decides in steps; whoever shows them to people turns them into words with
 * {@link #sentence()} (the API, the console, and the {@code reasons} of
 * {@link LeadAssigned} for readers that read words). Written as JSON with its
 * {@code kind}; a kind this release does not know, and a step written in words only by an
 * earlier release, read as {@link Said}.
 */
// Every kind is listed, though Jackson 3.1 finds a sealed interface's subtypes itself: it
// looks for them again on every use, which cost scoring two thirds of its throughput.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = RoutingStep.Said.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = RouteSteps.NoAccount.class, name = "NO_ACCOUNT"),
		@JsonSubTypes.Type(value = RouteSteps.AccountOwner.class, name = "ACCOUNT_OWNER"),
		@JsonSubTypes.Type(value = RouteSteps.OwnerAway.class, name = "OWNER_AWAY"),
		@JsonSubTypes.Type(value = RouteSteps.InTerritory.class, name = "TERRITORY"),
		@JsonSubTypes.Type(value = RouteSteps.NoTerritory.class, name = "NO_TERRITORY"),
		@JsonSubTypes.Type(value = TurnSteps.RoundRobin.class, name = "ROUND_ROBIN"),
		@JsonSubTypes.Type(value = TurnSteps.NoRepFree.class, name = "NO_REP_FREE"),
		@JsonSubTypes.Type(value = TurnSteps.FollowUp.class, name = "FOLLOW_UP"),
		@JsonSubTypes.Type(value = TurnSteps.FollowUpRepGone.class, name = "FOLLOW_UP_REP_GONE"),
		@JsonSubTypes.Type(value = TurnSteps.Overflowed.class, name = "OVERFLOWED"),
		@JsonSubTypes.Type(value = TurnSteps.WaitsBehind.class, name = "WAITS_BEHIND"),
		@JsonSubTypes.Type(value = AgainSteps.Ruled.class, name = "RULED"),
		@JsonSubTypes.Type(value = AgainSteps.Escalated.class, name = "ESCALATED"),
		@JsonSubTypes.Type(value = AgainSteps.PreviouslyWith.class, name = "PREVIOUSLY_WITH"),
		@JsonSubTypes.Type(value = RoutingStep.Said.class, name = "SAID") })
public sealed interface RoutingStep permits RouteSteps.NoAccount, RouteSteps.AccountOwner, RouteSteps.OwnerAway,
		RouteSteps.InTerritory, RouteSteps.NoTerritory, TurnSteps.RoundRobin, TurnSteps.NoRepFree, TurnSteps.FollowUp,
		TurnSteps.FollowUpRepGone, TurnSteps.Overflowed, TurnSteps.WaitsBehind, AgainSteps.Ruled, AgainSteps.Escalated,
		AgainSteps.PreviouslyWith, RoutingStep.Said {

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

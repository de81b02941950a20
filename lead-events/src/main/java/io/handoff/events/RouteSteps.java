package io.handoff.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a lead goes: the steps that find its team, by its account or its territory. The
 * {@link RoutingStep}s of routing, as values.
 */
public final class RouteSteps {

	private RouteSteps() {
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
	public record NoAccount(List<String> domains, @Nullable String companyName, boolean ambiguous,
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
	public record AccountOwner(String account, String how, String repName, String team) implements RoutingStep {

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
	public record OwnerAway(String account, String how, String ownerRepId,
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
	public record InTerritory(String name, String rules, String team, List<String> passed) implements RoutingStep {

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
	public record NoTerritory(List<String> passed, String queue) implements RoutingStep {

		@Override
		public String sentence() {
			return "territory: none takes this lead (" + String.join("; ", this.passed) + "); it waits in queue '"
					+ this.queue + "' until a territory does";
		}

	}

}

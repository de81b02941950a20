package io.handoff.events;

import java.util.ArrayList;
import java.util.List;

/**
 * How leads are matched to accounts beyond their domains: part of the routing document.
 *
 * @param byName whether a lead whose domains find no account is matched by its company
 * name
 * @param nameThreshold the least Jaro-Winkler similarity of normalised names that matches
 * (0.8 to 1)
 */
public record Matching(boolean byName, double nameThreshold) {

	/**
	 * By name, at 0.92: {@code ACME Corp.} finds {@code Acme Corporation}, {@code Inity}
	 * does not find {@code Initech}.
	 */
	public static final Matching DEFAULT = new Matching(true, 0.92);

	/** What is wrong with these settings, if anything. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (!(this.nameThreshold >= 0.8 && this.nameThreshold <= 1.0)) {
			problems.add("matching.nameThreshold must be between 0.8 and 1 (it is " + this.nameThreshold
					+ "): below 0.8, different companies' names match");
		}
		return problems;
	}

}

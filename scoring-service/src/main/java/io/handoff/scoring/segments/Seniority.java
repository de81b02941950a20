package io.handoff.scoring.segments;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How senior a lead's title says they are, for segmenting leads: the first level whose
 * words the title contains, in the order of {@link #values()} (a "Vice President, Sales
 * Manager" is a VP).
 */
public enum Seniority {

	VP("vp", "svp", "evp", "vice president"),
	EXECUTIVE("chief", "ceo", "cfo", "cto", "coo", "cmo", "cro", "president", "founder", "co-founder", "owner",
			"partner", "businessman"),
	DIRECTOR("director", "head"), MANAGER("manager", "lead", "supervisor"), STUDENT("student", "intern"),
	JOB_SEEKER("unemployed", "job seeker"),
	STAFF("professional", "engineer", "analyst", "specialist", "consultant", "coordinator", "associate",
			"representative", "executive", "officer", "developer", "designer", "accountant", "teacher"),
	UNKNOWN;

	private final List<Pattern> words;

	Seniority(String... words) {
		this.words = Arrays.stream(words)
			.map((word) -> Pattern.compile("(^|[^a-z])" + Pattern.quote(word) + "($|[^a-z])"))
			.toList();
	}

	/**
	 * The seniority {@code title} says, {@link #UNKNOWN} without a title or a known word.
	 */
	public static Seniority of(@Nullable String title) {
		if (title == null || title.isBlank()) {
			return UNKNOWN;
		}
		String words = title.toLowerCase(Locale.ROOT);
		for (Seniority level : values()) {
			if (level.words.stream().anyMatch((word) -> word.matcher(words).find())) {
				return level;
			}
		}
		return UNKNOWN;
	}

}

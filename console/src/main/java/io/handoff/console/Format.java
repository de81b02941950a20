package io.handoff.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How the pages write times, durations and shares ({@code ${@fmt.age(...)}} in the
 * templates).
 */
@Component("fmt")
public class Format {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
		.withZone(ZoneId.of("UTC"));

	private final Clock clock;

	Format(Optional<Clock> clock) {
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A moment as people read it, in UTC. */
	public String when(@Nullable Object instant) {
		Instant at = instant(instant);
		return (at != null) ? WHEN.format(at) + " UTC" : "—";
	}

	/** How long ago, roughly: "3 h 12 min". */
	public String age(@Nullable Object instant) {
		Instant at = instant(instant);
		return (at != null) ? duration(Duration.between(at, this.clock.instant())) : "—";
	}

	/** How long until, or "overdue by ..." once past. */
	public String until(@Nullable Object instant) {
		Instant at = instant(instant);
		if (at == null) {
			return "—";
		}
		Duration left = Duration.between(this.clock.instant(), at);
		return left.isNegative() ? "overdue by " + duration(left.negated()) : duration(left);
	}

	/** An ISO-8601 duration ({@code PT2H}) or a {@link Duration} as people read it. */
	public String duration(@Nullable Object duration) {
		if (duration == null) {
			return "—";
		}
		Duration length = (duration instanceof Duration given) ? given : Duration.parse(duration.toString());
		long minutes = length.toMinutes();
		if (minutes < 1) {
			return length.toSeconds() + " s";
		}
		if (minutes < 60) {
			return minutes + " min";
		}
		if (minutes < 48 * 60) {
			return (minutes / 60) + " h" + ((minutes % 60 != 0) ? " " + (minutes % 60) + " min" : "");
		}
		return (minutes / (24 * 60)) + " days" + ((minutes / 60 % 24 != 0) ? " " + (minutes / 60 % 24) + " h" : "");
	}

	/** A share (0.83) as a percentage ("83%"). */
	public String percent(@Nullable Object share) {
		return (share instanceof Number number) ? Math.round(number.doubleValue() * 100) + "%" : "—";
	}

	/** An amount of money with its currency ("USD 1,234.50"), "—" for none. */
	public String money(@Nullable Object amount, @Nullable Object currency) {
		if (!(amount instanceof Number number)) {
			return "—";
		}
		return ((currency != null) ? currency + " " : "")
				+ String.format(Locale.ENGLISH, "%,.2f", new BigDecimal(number.toString()));
	}

	/**
	 * An enum name as words: {@code RETURN_TO_MARKETING} becomes "Return to marketing".
	 */
	public String words(@Nullable Object name) {
		return asWords(name);
	}

	/** {@link #words} for code. */
	public static String asWords(@Nullable Object name) {
		if (name == null) {
			return "—";
		}
		String text = name.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	static @Nullable Instant instant(@Nullable Object instant) {
		if (instant instanceof Instant at) {
			return at;
		}
		return (instant != null) ? Instant.parse(instant.toString()) : null;
	}

}

package io.handoff.scoring.scores;

import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;

/**
 * The attributes of a lead an agreement may name: the standard fields,
 * {@code email.domain}, and any custom attribute a platform sent ({@code attributes.city}
 * or just {@code city}).
 */
public final class Attributes {

	private Attributes() {
	}

	/**
	 * How to read {@code attribute} from a lead, resolved once per agreement rather than
	 * once per lead.
	 */
	public static Function<LeadReceived, @Nullable String> reader(String attribute) {
		Function<LeadReceived, @Nullable Object> raw = switch (attribute) {
			case "email" -> LeadReceived::email;
			case "email.domain" -> (lead) -> domain(lead.email());
			case "firstName" -> LeadReceived::firstName;
			case "lastName" -> LeadReceived::lastName;
			case "title" -> LeadReceived::title;
			case "phone" -> LeadReceived::phone;
			case "source" -> LeadReceived::source;
			case "campaign" -> LeadReceived::campaign;
			case "externalId" -> LeadReceived::externalId;
			case "company.name" -> (lead) -> lead.company().name();
			case "company.domain" -> (lead) -> lead.company().domain();
			case "company.employees" -> (lead) -> lead.company().employees();
			case "company.industry" -> (lead) -> lead.company().industry();
			case "company.country" -> (lead) -> lead.company().country();
			case "company.region" -> (lead) -> lead.company().region();
			default -> {
				String custom = attribute.startsWith("attributes.") ? attribute.substring("attributes.".length())
						: attribute;
				yield (lead) -> lead.attributes().get(custom);
			}
		};
		return (lead) -> text(raw.apply(lead));
	}

	private static @Nullable String domain(@Nullable String email) {
		if (email == null) {
			return null;
		}
		int at = email.lastIndexOf('@');
		return (at >= 0) ? email.substring(at + 1).toLowerCase(Locale.ROOT) : null;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString().strip();
		return text.isEmpty() ? null : text;
	}

}

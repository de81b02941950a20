package io.handoff.events;

import org.jspecify.annotations.Nullable;

/**
 * A customer or target account owned by a rep. On the compacted {@code sales.accounts}
 * topic, keyed by domain.
 *
 * @param domain the account's web domain
 * @param name the account's name
 * @param ownerRepId the rep who owns it
 * @param sector the account's sector
 * @param employees head count
 */
public record Account(String domain, String name, String ownerRepId, @Nullable String sector,
		@Nullable Integer employees) {
}

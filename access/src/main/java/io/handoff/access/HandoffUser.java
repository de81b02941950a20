package io.handoff.access;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A configured person, with their rep id if they are a sales rep.
 */
public class HandoffUser extends User {

	private final @Nullable String repId;

	public HandoffUser(String username, String password, Collection<? extends GrantedAuthority> authorities,
			@Nullable String repId) {
		super(username, password, authorities);
		this.repId = repId;
	}

	public @Nullable String repId() {
		return this.repId;
	}

}

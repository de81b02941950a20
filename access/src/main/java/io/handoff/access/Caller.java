package io.handoff.access;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is asking, whichever way they signed in.
 *
 * @param name the person's or client's name
 * @param roles the roles, without the {@code ROLE_} prefix
 * @param repId for a sales rep, their rep id
 */
public record Caller(String name, Set<String> roles, @Nullable String repId) {

	/** The caller behind {@code authentication}. */
	public static Caller of(Authentication authentication) {
		Set<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toUnmodifiableSet());
		String repId = null;
		if (authentication.getPrincipal() instanceof HandoffUser user) {
			repId = user.repId();
		}
		else if (authentication.getPrincipal() instanceof Jwt jwt) {
			repId = jwt.getClaimAsString("rep_id");
		}
		return new Caller(authentication.getName(), roles, repId);
	}

	public boolean has(String role) {
		return this.roles.contains(role);
	}

	/** A sales rep and nothing else: sees only what is about their own leads. */
	public boolean onlyOwnLeads() {
		return has("SALES_REP") && this.roles.size() == 1;
	}

	/**
	 * The roles that read what is about every lead; any other caller reads only what is
	 * about their own.
	 */
	static final Set<String> EVERY_LEAD = Set.of("SALES_MANAGER", "SALES_OPS", "MARKETING_OPS", "EXECUTIVE", "JUDGE",
			"ADMIN", "SALES_TOOL");

	/**
	 * The roles that read what is about every lead, for a service's rules
	 * ({@code hasAnyRole(...)}).
	 */
	public static String[] everyLeadRoles() {
		return EVERY_LEAD.stream().sorted().toArray(String[]::new);
	}

	/**
	 * Whether this caller may read what is about a lead assigned to {@code repId}. Fails
	 * closed: a caller with none of the {@link #EVERY_LEAD} roles (a rep, a token with no
	 * roles claim or one with roles of another system) reads only the leads of the rep id
	 * it carries, and without one, none.
	 */
	public boolean mayReadLeadOf(String repId) {
		return readsEveryLead() || repId.equals(this.repId);
	}

	/** Whether this caller has one of the {@link #EVERY_LEAD} roles. */
	public boolean readsEveryLead() {
		return this.roles.stream().anyMatch(EVERY_LEAD::contains);
	}

}

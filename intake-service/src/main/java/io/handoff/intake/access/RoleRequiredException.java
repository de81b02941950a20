package io.handoff.intake.access;

import org.jspecify.annotations.Nullable;

import io.handoff.intake.access.Clients.Client;
import io.handoff.intake.access.Clients.Role;

/**
 * A client sent what its roles do not allow; answered with 403.
 */
public class RoleRequiredException extends RuntimeException {

	public RoleRequiredException(@Nullable Client client, String what, Role role) {
		super("Client '" + ((client != null) ? client.name() : "anonymous") + "' may not send " + what
				+ ": that needs the role " + role);
	}

}

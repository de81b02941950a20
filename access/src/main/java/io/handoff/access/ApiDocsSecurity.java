package io.handoff.access;

import java.util.List;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.annotation.security.RolesAllowed;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service's OpenAPI document says how to authenticate, so a client generated from it
 * can: the schemes the service takes ({@code handoff.api-docs.schemes}: {@code apiKey}
 * for {@code X-API-Key}, {@code basic}, {@code bearer}), each {@code /api} operation
 * requiring one of them and naming the roles that may call it ({@value #ROLES}, and a
 * sentence in its description: from the handler's {@code @RolesAllowed}, or else read
 * from the service's own rules by {@link OperationRoles}), and the reads between
 * instances left out (no client may call them). Import it
 * ({@code @Import(ApiDocsSecurity.class)}) in a service that publishes
 * {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsSecurity {

	/**
	 * Where the roles of an operation are read from; an operation's own, where its
	 * handler names them.
	 */
	static final String ROLES = "x-handoff-roles";

	/**
	 * A handler that names its roles ({@code @RolesAllowed}, as intake's do) gives them
	 * to its operation.
	 */
	@Bean
	OperationCustomizer handoffHandlerRoles() {
		return (operation, handler) -> {
			RolesAllowed allowed = handler.getMethodAnnotation(RolesAllowed.class);
			if (allowed == null) {
				allowed = handler.getBeanType().getAnnotation(RolesAllowed.class);
			}
			if (allowed != null) {
				operation.addExtension(ROLES, List.copyOf(new TreeSet<>(List.of(allowed.value()))));
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer handoffSecuritySchemes(
			@Value("${handoff.api-docs.schemes:apiKey,basic,bearer}") List<String> schemes,
			ObjectProvider<SecurityFilterChain> chains) {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.setComponents(components);
			for (String scheme : schemes) {
				components.addSecuritySchemes(scheme, switch (scheme) {
					case "apiKey" -> new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(HandoffSecurity.API_KEY_HEADER)
						.description("A machine client's key (marketing platforms, sales tools)");
					case "basic" -> new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("A person's name and password");
					case "bearer" -> new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("A token from your OpenID Connect provider: roles in its roles claim, a sales "
								+ "rep's id in rep_id");
					default -> throw new IllegalStateException(
							"handoff.api-docs.schemes: unknown scheme '" + scheme + "' (apiKey, basic or bearer)");
				});
			}
			// Any one of the schemes will do.
			List<SecurityRequirement> anyOne = schemes.stream()
				.map((scheme) -> new SecurityRequirement().addList(scheme))
				.toList();
			if (openApi.getPaths() != null) {
				openApi.getPaths().keySet().removeIf((path) -> path.startsWith(HandoffSecurity.INTERNAL));
				OperationRoles roles = new OperationRoles(chains.orderedStream().toList());
				openApi.getPaths().forEach((path, item) -> {
					if (path.startsWith("/api/")) {
						item.readOperationsMap().forEach((method, operation) -> {
							operation.setSecurity(anyOne);
							describeRoles(operation,
									(operation.getExtensions() != null
											&& operation.getExtensions().get(ROLES) instanceof List<?> named)
													? named.stream().map(String::valueOf).toList()
													: List.copyOf(roles.of(method.name(), path)));
						});
					}
				});
			}
		};
	}

	/** The roles as an extension a generator can read and a sentence a person can. */
	private static void describeRoles(Operation operation, List<String> roles) {
		operation.addExtension(ROLES, roles);
		String who = roles.isEmpty() ? "No role may call this operation."
				: (roles.size() == OperationRoles.ROLES.size()) ? "Any caller signed in (roles: every role)."
						: "Roles: " + String.join(", ", roles) + ".";
		String description = operation.getDescription();
		operation.setDescription((description == null || description.isBlank()) ? who : description + "\n\n" + who);
	}

}

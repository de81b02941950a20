package io.handoff.access;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A service's OpenAPI document says how to authenticate, so a client generated from it can: the schemes the service
 * takes ({@code handoff.api-docs.schemes}: {@code apiKey} for {@code X-API-Key}, {@code basic}, {@code bearer}), each
 * {@code /api} operation requiring one of them, and the reads between instances left out (no client may call them).
 * Import it ({@code @Import(ApiDocsSecurity.class)}) in a service that publishes {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsSecurity {

	@Bean
	OpenApiCustomizer handoffSecuritySchemes(
			@Value("${handoff.api-docs.schemes:apiKey,basic,bearer}") List<String> schemes) {
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
					default -> throw new IllegalStateException("handoff.api-docs.schemes: unknown scheme '" + scheme
							+ "' (apiKey, basic or bearer)");
				});
			}
			// Any one of the schemes will do.
			List<SecurityRequirement> anyOne = schemes.stream()
				.map((scheme) -> new SecurityRequirement().addList(scheme))
				.toList();
			if (openApi.getPaths() != null) {
				openApi.getPaths().keySet().removeIf((path) -> path.startsWith(HandoffSecurity.INTERNAL));
				openApi.getPaths().forEach((path, item) -> {
					if (path.startsWith("/api/")) {
						item.readOperations().forEach((operation) -> operation.setSecurity(anyOne));
					}
				});
			}
		};
	}

}

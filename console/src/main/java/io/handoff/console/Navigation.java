package io.handoff.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import io.handoff.access.Caller;

/**
 * The pages each person sees in the menu, the sign-in page, and where each person lands
 * after signing in.
 */
@Controller
@ControllerAdvice
class Navigation {

	private final ObjectProvider<ClientRegistrationRepository> oidc;

	Navigation(ObjectProvider<ClientRegistrationRepository> oidc) {
		this.oidc = oidc;
	}

	/**
	 * The pages, in menu order, with the roles that may open each ({@code null}: everyone
	 * signed in).
	 */
	static final List<Page> PAGES = List.of(new Page("/desk", "Judge's desk", ConsoleSecurity.DESK_ROLES),
			new Page("/agreements", "Agreement studio", null), new Page("/organisation", "Sales organisation", null),
			new Page("/routing", "Routing", null), new Page("/sla", "SLA board", null),
			new Page("/scorecard", "Scorecard", null), new Page("/review", "Weekly review", null),
			new Page("/segments", "Segments", null), new Page("/leads", "Leads", null),
			new Page("/journey", "Lead journey", null));

	@ModelAttribute("pages")
	List<Page> pages(@Nullable Authentication person) {
		if (person == null || !person.isAuthenticated()) {
			return List.of();
		}
		Caller caller = Caller.of(person);
		return PAGES.stream().filter((page) -> page.openTo(caller)).toList();
	}

	@ModelAttribute("person")
	@Nullable Caller person(@Nullable Authentication person) {
		return (person != null && person.isAuthenticated() && !"anonymousUser".equals(person.getName()))
				? Caller.of(person) : null;
	}

	@GetMapping("/")
	String home(Authentication person) {
		Caller caller = Caller.of(person);
		if (caller.has("JUDGE")) {
			return "redirect:/desk";
		}
		if (caller.has("MARKETING_OPS") || caller.has("SALES_OPS")) {
			return "redirect:/agreements";
		}
		if (caller.has("SALES_MANAGER") || caller.has("SALES_REP")) {
			return "redirect:/sla";
		}
		return "redirect:/scorecard";
	}

	@GetMapping("/signin")
	String signIn(Model model, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null
				&& session
					.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException failed
				&& !(failed instanceof BadCredentialsException)) {
			// Why the identity provider's answer was not accepted (a wrong password on
			// the form says only "no match").
			model.addAttribute("providerProblem",
					(failed instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null)
							? oauth.getError().getDescription() : failed.getMessage());
		}
		List<Provider> providers = new ArrayList<>();
		if (this.oidc.getIfAvailable() instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				if (registration instanceof ClientRegistration known) {
					providers
						.add(new Provider("/oauth2/authorization/" + known.getRegistrationId(), known.getClientName()));
				}
			}
		}
		model.addAttribute("providers", providers);
		return "signin";
	}

	/**
	 * The refusal page, also for a form sent where the person may not (security forwards
	 * the POST here).
	 */
	@RequestMapping(path = "/denied", method = { RequestMethod.GET, RequestMethod.POST })
	String denied() {
		return "denied";
	}

	/**
	 * An identity provider people may sign in with.
	 *
	 * @param path where signing in with it starts
	 * @param name its name
	 */
	record Provider(String path, String name) {
	}

	/**
	 * One page of the menu.
	 *
	 * @param path where it is
	 * @param title what it is called
	 * @param roles who may open it, {@code null} for everyone signed in
	 */
	record Page(String path, String title, String @Nullable [] roles) {

		boolean openTo(Caller caller) {
			return this.roles == null || Arrays.stream(this.roles).anyMatch(caller::has);
		}

	}

}

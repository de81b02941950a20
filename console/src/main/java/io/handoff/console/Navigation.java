package io.handoff.console;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.handoff.access.Caller;

/** The pages each person sees in the menu, the sign-in page, and where each person lands after signing in. */
@Controller
@ControllerAdvice
class Navigation {

	/** The pages, in menu order, with the roles that may open each ({@code null}: everyone signed in). */
	static final List<Page> PAGES = List.of(new Page("/desk", "Judge's desk", ConsoleSecurity.DESK_ROLES),
			new Page("/agreements", "Agreement studio", null), new Page("/organisation", "Sales organisation", null),
			new Page("/sla", "SLA board", null), new Page("/scorecard", "Scorecard", null),
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
	String signIn() {
		return "signin";
	}

	@GetMapping("/denied")
	String denied() {
		return "denied";
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
			return this.roles == null || java.util.Arrays.stream(this.roles).anyMatch(caller::has);
		}

	}

}

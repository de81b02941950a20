package io.handoff.sla.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;

/**
 * The SLA clocks: which leads are waiting for a touch, which are overdue, which were
 * ignored.
 */
@RestController
@RequestMapping("/api/v1/clocks")
class ClockController {

	private final SlaClocks clocks;

	ClockController(SlaClocks clocks) {
		this.clocks = clocks;
	}

	/**
	 * The clocks, of one rep or in one state if asked; a sales rep gets those of their
	 * own leads only.
	 */
	@GetMapping
	List<SlaClock> clocks(@RequestParam(required = false) @Nullable String repId,
			@RequestParam(required = false) SlaClock.@Nullable State state, Authentication authentication) {
		Caller caller = Caller.of(authentication);
		List<SlaClock> found = new ArrayList<>();
		this.clocks.forEach((clock) -> {
			if (caller.mayReadLeadOf(clock.repId()) && (repId == null || clock.repId().equals(repId))
					&& (state == null || clock.state() == state)) {
				found.add(clock);
			}
		});
		return found;
	}

	/**
	 * One lead's clock; to a sales rep, another rep's lead has none (a lead id is no
	 * secret: it names an e-mail).
	 */
	@GetMapping("/{leadId}")
	SlaClock clock(@PathVariable UUID leadId, Authentication authentication) {
		SlaClock clock = this.clocks.get(leadId.toString());
		if (clock == null || !Caller.of(authentication).mayReadLeadOf(clock.repId())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No SLA clock for lead " + leadId + ": it has not been assigned");
		}
		return clock;
	}

}

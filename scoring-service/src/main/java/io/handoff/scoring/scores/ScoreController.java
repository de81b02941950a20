package io.handoff.scoring.scores;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.StageChange;
import io.handoff.access.Caller;
import io.handoff.events.LeadScored;
import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;

/**
 * A lead's latest score with the rules that fired and its stage history, read from the
 * scoring topology's stores at the instance that owns the lead: the score, and the lead
 * from its profile.
 */
@RestController
class ScoreController {

	private final ClusterStore<LatestScore> scores;

	private final ClusterStore<LeadProfile> profiles;

	ScoreController(ClusterStores stores) {
		this.scores = stores.store(ScoringTopology.SCORES_STORE, LatestScore.class);
		this.profiles = stores.store(ScoringTopology.PROFILES_STORE, LeadProfile.class);
	}

	/**
	 * The score; to a caller who reads only their own leads (a sales rep), only of a lead
	 * assigned to them: another's has none (a lead id is no secret: it names an e-mail).
	 */
	@GetMapping("/api/v1/leads/{leadId}/score")
	Score score(@PathVariable UUID leadId, Authentication authentication) {
		LatestScore scored = this.scores.get(leadId.toString());
		// A score is written with its lead's profile, in the same transaction: one
		// without the other is not there yet.
		LeadProfile profile = (scored != null) ? this.profiles.get(leadId.toString()) : null;
		if (scored == null || profile == null || profile.lead() == null
				|| !mayRead(Caller.of(authentication), profile)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead " + leadId + " has been scored");
		}
		return new Score(scored.withLead(profile.lead()), profile.stages());
	}

	/**
	 * A lead's latest score, as published, with its way down the waterfall.
	 *
	 * @param score the latest score, its fields at the top level
	 * @param stages every change of the lead's stage, oldest first: when, from where, who
	 * moved it and why
	 */
	record Score(@JsonUnwrapped LeadScored score, List<StageChange> stages) {
	}

	/**
	 * Where each of up to {@link #MAX_STAGES} leads stands in the waterfall, for a board
	 * that lists many (the SLA board): its stage and latest change. Leads the caller may
	 * not read, and leads not scored, are left out.
	 */
	@GetMapping("/api/v1/stages")
	List<LeadStage> stages(@RequestParam(name = "leadId", required = false) List<UUID> leadIds,
			Authentication authentication) {
		List<UUID> wanted = (leadIds != null) ? leadIds : List.of();
		if (wanted.size() > MAX_STAGES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"leadId: at most " + MAX_STAGES + " leads at once; got " + wanted.size());
		}
		Caller caller = Caller.of(authentication);
		List<LeadStage> found = new ArrayList<>();
		for (UUID leadId : new LinkedHashSet<>(wanted)) {
			LeadProfile profile = this.profiles.get(leadId.toString());
			LatestScore scored = (profile != null) ? this.scores.get(leadId.toString()) : null;
			if (scored != null && profile.lead() != null && mayRead(caller, profile)) {
				found.add(new LeadStage(leadId, scored.stage(), profile.lastChange()));
			}
		}
		return found;
	}

	/** The most leads one stages request asks for. */
	static final int MAX_STAGES = 100;

	/**
	 * Where one lead stands.
	 *
	 * @param leadId the lead
	 * @param stage its stage
	 * @param latest the change that put it there ({@code null} for a lead scored before
	 * stages were kept)
	 */
	record LeadStage(UUID leadId, LeadScored.Stage stage, @Nullable StageChange latest) {
	}

	/** A lead that is nobody's yet is read only by those who read every lead. */
	private static boolean mayRead(Caller caller, LeadProfile profile) {
		return (profile.assignee() != null) ? caller.mayReadLeadOf(profile.assignee()) : caller.readsEveryLead();
	}

}

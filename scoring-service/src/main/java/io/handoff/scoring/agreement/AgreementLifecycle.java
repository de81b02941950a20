package io.handoff.scoring.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.Signature;
import io.handoff.events.LeadAgreement.Status;

/**
 * The rules of the agreement lifecycle: draft, signed by marketing, signed by sales,
 * activated. Pure functions from one version to the next; every refusal says why and what
 * to do instead.
 */
public final class AgreementLifecycle {

	/** Who may sign for each party. */
	static final Map<Party, Set<String>> SIGNERS = Map.of(Party.MARKETING, Set.of("MARKETING_OPS"), Party.SALES,
			Set.of("SALES_OPS", "SALES_MANAGER"));

	private AgreementLifecycle() {
	}

	/** A new draft with {@code content}'s terms, numbered {@code version}. */
	public static LeadAgreement draft(LeadAgreement content, int version, String author, Instant now) {
		return new LeadAgreement("v" + version, version, content.name(), Status.DRAFT, content.fitRules(),
				content.targetProfiles(), content.engagementRules(), content.grades(), content.stages(),
				content.requiredFields(), content.sla(), content.returnReasons(), content.rulingWithin(), author,
				(content.changeNote() != null) ? content.changeNote() : "", now, List.of(), null, null,
				content.commitment());
	}

	/**
	 * The draft with new terms; its signatures are cleared, since nobody signed these
	 * terms.
	 */
	public static LeadAgreement edit(LeadAgreement existing, LeadAgreement content, String author) {
		requireDraft(existing, "edited");
		return new LeadAgreement(existing.agreementId(), existing.version(), content.name(), Status.DRAFT,
				content.fitRules(), content.targetProfiles(), content.engagementRules(), content.grades(),
				content.stages(), content.requiredFields(), content.sla(), content.returnReasons(),
				content.rulingWithin(), author, (content.changeNote() != null) ? content.changeNote() : "",
				existing.createdAt(), List.of(), null, null, content.commitment());
	}

	/**
	 * The draft signed for {@code party} by {@code signer}, who must hold a role of that
	 * party.
	 */
	public static LeadAgreement sign(LeadAgreement existing, Party party, String signer, Set<String> roles,
			Instant now) {
		requireDraft(existing, "signed");
		if (roles.stream().noneMatch(SIGNERS.get(party)::contains)) {
			throw new LifecycleException(HttpStatus.FORBIDDEN, signer + " may not sign for " + party
					+ ": that needs one of the roles " + SIGNERS.get(party).stream().sorted().toList());
		}
		Party other = (party == Party.MARKETING) ? Party.SALES : Party.MARKETING;
		existing.signatureOf(other)
			.filter((signature) -> signature.signedBy().equals(signer))
			.ifPresent((signature) -> {
				throw new LifecycleException(HttpStatus.CONFLICT, signer + " already signed " + existing.agreementId()
						+ " for " + other + "; the " + party + " signature must come from someone else");
			});
		List<Signature> signatures = new ArrayList<>(existing.signatures());
		signatures.removeIf((signature) -> signature.party() == party);
		signatures.add(new Signature(party, signer, now));
		signatures.sort(Comparator.comparing(Signature::party));
		return existing.with(Status.DRAFT, signatures, null, null);
	}

	/** Puts the draft in force and the current one, if any, out of it. */
	public static Activation activate(LeadAgreement draft, @Nullable LeadAgreement current, Instant now) {
		if (draft.status() == Status.ACTIVE) {
			throw new LifecycleException(HttpStatus.CONFLICT, draft.agreementId() + " is already in force");
		}
		requireDraft(draft, "activated");
		List<String> missing = Arrays.stream(Party.values())
			.filter((party) -> draft.signatureOf(party).isEmpty())
			.map(Party::name)
			.toList();
		if (!missing.isEmpty()) {
			throw new LifecycleException(HttpStatus.CONFLICT,
					draft.agreementId() + " cannot be activated without both signatures; missing: " + missing
							+ ". POST /api/v1/agreements/" + draft.agreementId() + "/signatures with {\"party\":\""
							+ missing.get(0) + "\"}");
		}
		LeadAgreement activated = draft.with(Status.ACTIVE, draft.signatures(), now, null);
		LeadAgreement superseded = (current != null)
				? current.with(Status.SUPERSEDED, current.signatures(), current.activatedAt(), now) : null;
		return new Activation(activated, superseded);
	}

	private static void requireDraft(LeadAgreement agreement, String what) {
		if (agreement.status() != Status.DRAFT) {
			throw new LifecycleException(HttpStatus.CONFLICT,
					agreement.agreementId() + " is " + agreement.status() + " and cannot be " + what
							+ ": only drafts change. Draft a new version with POST /api/v1/agreements");
		}
	}

	/**
	 * The outcome of an activation.
	 *
	 * @param activated the version now in force
	 * @param superseded the version it replaced, if any
	 */
	public record Activation(LeadAgreement activated, @Nullable LeadAgreement superseded) {
	}

}

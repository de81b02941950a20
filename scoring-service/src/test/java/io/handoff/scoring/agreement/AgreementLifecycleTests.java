package io.handoff.scoring.agreement;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.Status;
import io.handoff.scoring.Agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AgreementLifecycleTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final LeadAgreement active = Agreements.starter();

	final LeadAgreement draft = AgreementLifecycle.draft(this.active, 2, "marketing-ops", NOW);

	@Test
	void aDraftIsANewVersionWithNoSignatures() {
		assertThat(this.draft.agreementId()).isEqualTo("v2");
		assertThat(this.draft.status()).isEqualTo(Status.DRAFT);
		assertThat(this.draft.signatures()).isEmpty();
		assertThat(this.draft.author()).isEqualTo("marketing-ops");
		assertThat(this.draft.createdAt()).isEqualTo(NOW);
	}

	@Test
	void activationWithoutBothSignaturesIsRefusedNamingWhatIsMissing() {
		LeadAgreement marketingOnly = sign(this.draft, Party.MARKETING, "mops", "MARKETING_OPS");

		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> AgreementLifecycle.activate(this.draft, this.active, NOW))
			.withMessageContaining("missing: [MARKETING, SALES]")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT));
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> AgreementLifecycle.activate(marketingOnly, this.active, NOW))
			.withMessageContaining("missing: [SALES]");
	}

	@Test
	void onlyMarketingOpsSignsForMarketingAndSalesOpsOrASalesManagerForSales() {
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> sign(this.draft, Party.MARKETING, "sops", "SALES_OPS"))
			.withMessageContaining("needs one of the roles [MARKETING_OPS]")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.FORBIDDEN));
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> sign(this.draft, Party.SALES, "mops", "MARKETING_OPS", "ADMIN"));
		assertThat(sign(this.draft, Party.SALES, "manager", "SALES_MANAGER").signatureOf(Party.SALES)).isPresent();
	}

	@Test
	void onePersonCannotSignForBothParties() {
		LeadAgreement signed = sign(this.draft, Party.MARKETING, "both", "MARKETING_OPS", "SALES_OPS");

		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> sign(signed, Party.SALES, "both", "MARKETING_OPS", "SALES_OPS"))
			.withMessageContaining("must come from someone else");
	}

	@Test
	void editingASignedDraftClearsItsSignatures() {
		LeadAgreement signed = sign(sign(this.draft, Party.MARKETING, "mops", "MARKETING_OPS"), Party.SALES, "sops",
				"SALES_OPS");

		LeadAgreement edited = AgreementLifecycle.edit(signed, this.active, "sops");

		assertThat(edited.signatures()).isEmpty();
		assertThat(edited.agreementId()).isEqualTo("v2");
		assertThat(edited.author()).isEqualTo("sops");
	}

	@Test
	void activationPutsTheDraftInForceAndSupersedesTheVersionBefore() {
		LeadAgreement signed = sign(sign(this.draft, Party.MARKETING, "mops", "MARKETING_OPS"), Party.SALES, "sops",
				"SALES_OPS");

		AgreementLifecycle.Activation activation = AgreementLifecycle.activate(signed, this.active, NOW);

		assertThat(activation.activated().status()).isEqualTo(Status.ACTIVE);
		assertThat(activation.activated().activatedAt()).isEqualTo(NOW);
		assertThat(activation.superseded().status()).isEqualTo(Status.SUPERSEDED);
		assertThat(activation.superseded().supersededAt()).isEqualTo(NOW);
		assertThat(activation.superseded().activatedAt()).isEqualTo(this.active.activatedAt());
	}

	@Test
	void versionsInForceOrSupersededNeverChange() {
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> AgreementLifecycle.edit(this.active, this.active, "mops"))
			.withMessageContaining("v1 is ACTIVE and cannot be edited");
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> sign(this.active, Party.MARKETING, "mops", "MARKETING_OPS"));
		assertThatExceptionOfType(LifecycleException.class)
			.isThrownBy(() -> AgreementLifecycle.activate(this.active, this.active, NOW))
			.withMessageContaining("already in force");
	}

	private static LeadAgreement sign(LeadAgreement agreement, Party party, String who, String... roles) {
		return AgreementLifecycle.sign(agreement, party, who, Set.of(roles), NOW);
	}

}

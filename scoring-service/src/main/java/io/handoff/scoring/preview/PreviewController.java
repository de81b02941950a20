package io.handoff.scoring.preview;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.scoring.agreement.AgreementBook;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.LeadProfiles;

/**
 * {@code POST /api/v1/agreements/{id}/preview}: the impact of a version (usually a draft) on the recent leads,
 * compared with the agreement in force.
 */
@RestController
class PreviewController {

	private final AgreementBook book;

	private final LeadProfiles profiles;

	private final Clock clock;

	private final Duration defaultWindow;

	PreviewController(AgreementBook book, LeadProfiles profiles, Clock clock,
			@Value("${handoff.scoring.preview-window:P30D}") Duration defaultWindow) {
		this.book = book;
		this.profiles = profiles;
		this.clock = clock;
		this.defaultWindow = defaultWindow;
	}

	@PostMapping("/api/v1/agreements/{agreementId}/preview")
	ImpactPreview preview(@PathVariable String agreementId, @RequestParam(required = false) @Nullable Duration window) {
		return ImpactPreview.of(CompiledAgreement.of(this.book.get(agreementId)),
				CompiledAgreement.of(this.book.active()), this.profiles.all(),
				(window != null) ? window : this.defaultWindow, this.clock.instant());
	}

	/** The qualified volume and conversion of recent leads under the agreement in force. */
	@GetMapping("/api/v1/funnel")
	Funnel funnel(@RequestParam(required = false) @Nullable Duration window) {
		return Funnel.of(CompiledAgreement.of(this.book.active()), this.profiles.all(),
				(window != null) ? window : this.defaultWindow, this.clock.instant());
	}

}

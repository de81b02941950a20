package io.handoff.scoring.preview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.instances.ClusterStores;
import io.handoff.instances.StoreFigure;
import io.handoff.scoring.agreement.AgreementBook;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.LeadProfile;
import io.handoff.scoring.scoring.ScoringTopology;

/**
 * {@code POST /api/v1/agreements/{id}/preview}: the impact of a version (usually a draft) on the recent leads,
 * compared with the agreement in force; {@code GET /api/v1/funnel}: the recent leads under the agreement in force.
 * Both are counted where the leads live: each instance counts its own, and only the counts travel.
 */
@RestController
class PreviewController {

	private final AgreementBook book;

	private final ClusterStores stores;

	private final Clock clock;

	private final Duration defaultWindow;

	private final StoreFigure<LeadProfile, ImpactPreview> preview;

	private final StoreFigure<LeadProfile, Funnel> funnel;

	PreviewController(AgreementBook book, ClusterStores stores, Clock clock,
			@Value("${handoff.scoring.preview-window:P30D}") Duration defaultWindow) {
		this.book = book;
		this.stores = stores;
		this.clock = clock;
		this.defaultWindow = defaultWindow;
		this.preview = stores.register(StoreFigure.of("impact-preview", ScoringTopology.PROFILES_STORE,
				LeadProfile.class, ImpactPreview.class,
				(profiles, asked) -> ImpactPreview.of(agreement(asked.get("draft")), agreement(asked.get("active")),
						profiles, Duration.parse(asked.get("window")), Instant.parse(asked.get("now"))),
				ImpactPreview::plus));
		this.funnel = stores.register(StoreFigure.of("funnel", ScoringTopology.PROFILES_STORE, LeadProfile.class,
				Funnel.class, (profiles, asked) -> Funnel.of(agreement(asked.get("agreement")), profiles,
						Duration.parse(asked.get("window")), Instant.parse(asked.get("now"))),
				Funnel::plus));
	}

	@PostMapping("/api/v1/agreements/{agreementId}/preview")
	ImpactPreview preview(@PathVariable String agreementId, @RequestParam(required = false) @Nullable Duration window) {
		return this.stores.figure(this.preview, Map.of("draft", this.book.get(agreementId).agreementId(), "active",
				this.book.active().agreementId(), "window", window(window).toString(), "now",
				this.clock.instant().toString()));
	}

	/** The qualified volume and conversion of recent leads under the agreement in force. */
	@GetMapping("/api/v1/funnel")
	Funnel funnel(@RequestParam(required = false) @Nullable Duration window) {
		return this.stores.figure(this.funnel, Map.of("agreement", this.book.active().agreementId(), "window",
				window(window).toString(), "now", this.clock.instant().toString()));
	}

	private Duration window(@Nullable Duration asked) {
		return (asked != null) ? asked : this.defaultWindow;
	}

	private CompiledAgreement agreement(@Nullable String agreementId) {
		return CompiledAgreement.of(this.book.get(String.valueOf(agreementId)));
	}

}

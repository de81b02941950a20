package io.handoff.scoring.preview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.instances.ClusterStores;
import io.handoff.instances.StoreFigure;
import io.handoff.scoring.agreement.AgreementBook;
import io.handoff.scoring.agreement.FigureAgreements;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.ScoringTopology;

/**
 * {@code POST /api/v1/agreements/{id}/preview}: the impact of a version (usually a draft)
 * on the recent leads, compared with the agreement in force; {@code GET /api/v1/funnel}:
 * the recent leads under the agreement in force. Both are counted where the leads live:
 * each instance counts its own, and only the counts travel.
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
		this.preview = stores.register(
				StoreFigure.of("impact-preview", ScoringTopology.PROFILES_STORE, LeadProfile.class, ImpactPreview.class,
						(profiles, asked) -> ImpactPreview.of(agreement(asked, "draft"), agreement(asked, "active"),
								profiles, Duration.parse(FigureAgreements.required(asked, "window")),
								Instant.parse(FigureAgreements.required(asked, "now"))),
						ImpactPreview::plus));
		this.funnel = stores
			.register(StoreFigure.of("funnel", ScoringTopology.PROFILES_STORE, LeadProfile.class, Funnel.class,
					(profiles, asked) -> Funnel.of(agreement(asked, "agreement"), profiles,
							Duration.parse(FigureAgreements.required(asked, "window")),
							Instant.parse(FigureAgreements.required(asked, "now"))),
					Funnel::plus));
	}

	@PostMapping("/api/v1/agreements/{agreementId}/preview")
	ImpactPreview preview(@PathVariable String agreementId, @RequestParam(required = false) @Nullable Duration window) {
		Map<String, String> asked = new HashMap<>(FigureAgreements.parameters("draft", this.book.get(agreementId)));
		asked.putAll(FigureAgreements.parameters("active", this.book.active()));
		asked.put("window", window(window).toString());
		asked.put("now", this.clock.instant().toString());
		return this.stores.figure(this.preview, asked);
	}

	/**
	 * The qualified volume and conversion of recent leads under the agreement in force.
	 */
	@GetMapping("/api/v1/funnel")
	Funnel funnel(@RequestParam(required = false) @Nullable Duration window) {
		Map<String, String> asked = new HashMap<>(FigureAgreements.parameters("agreement", this.book.active()));
		asked.put("window", window(window).toString());
		asked.put("now", this.clock.instant().toString());
		return this.stores.figure(this.funnel, asked);
	}

	/**
	 * The window asked for, or the default one; a negative or zero window, or one of over
	 * ten years, is refused.
	 */
	private Duration window(@Nullable Duration asked) {
		Duration window = (asked != null) ? asked : this.defaultWindow;
		if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(3660)) > 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"window: a positive ISO-8601 duration of at most ten years, such as P30D; got " + window);
		}
		return window;
	}

	private CompiledAgreement agreement(Map<String, String> asked, String role) {
		return FigureAgreements.compiled(this.book, asked, role);
	}

}

package io.handoff.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

import io.handoff.access.DemoSecrets;
import io.handoff.console.services.StubbedServices;

/**
 * A slice of the console for one controller's pages: the controller, its templates, the
 * console's own security (its doors, CSRF, the demo people) and the services it calls
 * stubbed over HTTP ({@link StubbedServices}). Sign in a test's person with
 * {@code @WithMockUser}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(properties = "spring.config.name=console")
@Import({ ConsoleSecurity.class, Format.class, StubbedServices.class })
@ActiveProfiles(DemoSecrets.PROFILE)
public @interface ConsolePageTest {

	/** The controllers under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value();

}

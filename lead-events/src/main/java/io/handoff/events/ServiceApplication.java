package io.handoff.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * How a Handoff service starts: from its application class, reading its own configuration
 * file, named on the class ({@link Named}), rather than {@code application.yml}, so
 * services can share a JVM and a classpath (as the local stack and the tests run them).
 */
public final class ServiceApplication {

	private ServiceApplication() {
	}

	/**
	 * The application of {@code application}, a class marked {@link Named}.
	 * @throws IllegalArgumentException for a class that does not name its configuration
	 */
	public static SpringApplicationBuilder builder(Class<?> application) {
		Named named = application.getAnnotation(Named.class);
		if (named == null) {
			throw new IllegalArgumentException(application.getName() + " does not name its configuration file: "
					+ "mark it @ServiceApplication.Named");
		}
		return new SpringApplicationBuilder(application).properties("spring.config.name=" + named.value());
	}

	/**
	 * The name of a service's configuration file, {@code <name>.yml} on its classpath.
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	public @interface Named {

		String value();

	}

}

package io.handoff.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring test of a service against the shared test broker ({@link TestKafka}, started
 * on first use): its {@code spring.kafka.bootstrap-servers} is the broker's and, when
 * {@link #value} names the test, its Kafka Streams application ids and state directory
 * are that name and a run of their own, so no earlier test's offsets or state are read.
 * Read by {@link OnTestKafkaCustomizerFactory}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface OnTestKafka {

	/**
	 * The name of the test's Streams application ids and state directory (under
	 * {@code target/}); empty for a service without Kafka Streams.
	 */
	String value() default "";

}

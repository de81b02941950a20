/**
 * Many instances, one answer: the stores of a service's Kafka Streams application read as
 * one, whichever instance holds each partition, with the calls between instances signed
 * by the deployment's instance secret.
 */
@NullMarked
package io.handoff.instances;

import org.jspecify.annotations.NullMarked;

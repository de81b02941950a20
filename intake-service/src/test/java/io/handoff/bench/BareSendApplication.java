package io.handoff.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's baseline: a bare Spring MVC endpoint that does the one thing intake
 * must do per lead, a single {@code send().get()} of the body to the same broker with the
 * same delivery settings, and nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class BareSendApplication {

	private final KafkaTemplate<String, String> kafka;

	BareSendApplication(KafkaTemplate<String, String> bareTemplate) {
		this.kafka = bareTemplate;
	}

	@Bean
	static KafkaTemplate<String, String> bareTemplate(Environment environment) {
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						environment.getRequiredProperty("spring.kafka.bootstrap-servers"), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new StringSerializer()));
	}

	@PostMapping("/bare")
	Map<String, String> send(@RequestBody String lead) throws Exception {
		this.kafka.send("bench.bare", lead).get(15, TimeUnit.SECONDS);
		return Map.of("status", "accepted");
	}

}

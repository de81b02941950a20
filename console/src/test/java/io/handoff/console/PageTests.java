package io.handoff.console;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.services.StubbedServices;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every {@link ConsolePageTest} works with: the pages, and the services they call,
 * stubbed, which forget each test's answers and calls after it.
 */
public abstract class PageTests {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected StubbedServices.Stubs services;

	/**
	 * Checks that {@code page}, asked for while {@code service} is down, says the service
	 * is not available, and what it answered, instead of failing.
	 */
	protected void assertSaysWhileDown(String service, String page) throws Exception {
		this.services.down(service);
		this.mvc.perform(get(page))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Not available right now.")))
			.andExpect(content().string(containsString(service + " answered 503")));
	}

	@AfterEach
	void forgetTheServices() {
		this.services.reset();
	}

}

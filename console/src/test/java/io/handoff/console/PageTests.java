package io.handoff.console;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.services.StubbedServices;

/**
 * What every {@link ConsolePageTest} works with: the pages, and the services they call,
 * stubbed, which forget each test's answers and calls after it.
 */
public abstract class PageTests {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected StubbedServices.Stubs services;

	@AfterEach
	void forgetTheServices() {
		this.services.reset();
	}

}

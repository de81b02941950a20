package io.handoff.intake.problems;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413, whether they announce their length or stream in chunks, before anything
 * reads them into memory.
 */
@Component
class BodySizeLimit extends OncePerRequestFilter {

	/** The largest body accepted: room for a batch of 1,000 leads. */
	static final long MAX_BYTES = 1024 * 1024;

	static String message() {
		return "The body is larger than the limit of " + MAX_BYTES + " bytes; send fewer leads per request.";
	}

	static boolean exceeded(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TooLargeException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "The request body is too large", message());
			return;
		}
		chain.doFilter(new LimitedRequest(request), response);
	}

	private static final class TooLargeException extends IOException {

		TooLargeException() {
			super(message());
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long count;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++this.count > MAX_BYTES) {
						throw new TooLargeException();
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (this.count += n) > MAX_BYTES) {
						throw new TooLargeException();
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}

			};
		}

	}

}

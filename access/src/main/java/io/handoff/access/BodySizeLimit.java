package io.handoff.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a service's limit with 413, before anything reads them into
 * memory and before anyone is signed in: at once when the request announces its length,
 * and as soon as the limit is passed when it streams in chunks (then whatever the reader
 * answers is set aside and the 413 sent instead).
 */
public final class BodySizeLimit extends OncePerRequestFilter implements Ordered {

	private final long maxBytes;

	private final String message;

	/**
	 * @param maxBytes the largest body taken
	 * @param advice what to do instead, in the refusal ("send fewer leads per request")
	 */
	public BodySizeLimit(long maxBytes, String advice) {
		this.maxBytes = maxBytes;
		this.message = "The body is larger than the limit of " + maxBytes + " bytes; " + advice;
	}

	/**
	 * First of all but the character encoding: before Spring Security (order -100) and
	 * before the filters that read a body themselves (Spring's form content filter reads
	 * a PUT's form at -9900), so a body too large is refused without being read.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			refuse(response);
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, this.maxBytes);
		try {
			chain.doFilter(limited, new UntilExceeded(response, limited));
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!limited.exceeded) {
				throw ex;
			}
		}
		if (limited.exceeded && !response.isCommitted()) {
			response.reset();
			refuse(response);
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		HandoffSecurity.problem(response, HttpStatus.CONTENT_TOO_LARGE, this.message);
	}

	/**
	 * The response as the handler writes it, until the body turns out too large: from
	 * then on, a sink.
	 */
	private static final class UntilExceeded extends HttpServletResponseWrapper {

		private final LimitedRequest request;

		UntilExceeded(HttpServletResponse response, LimitedRequest request) {
			super(response);
			this.request = request;
		}

		@Override
		public void setStatus(int status) {
			if (!this.request.exceeded) {
				super.setStatus(status);
			}
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			if (!this.request.exceeded) {
				super.sendError(status, message);
			}
		}

		@Override
		public void sendError(int status) throws IOException {
			if (!this.request.exceeded) {
				super.sendError(status);
			}
		}

		@Override
		public void setHeader(String name, String value) {
			if (!this.request.exceeded) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!this.request.exceeded) {
				super.addHeader(name, value);
			}
		}

		@Override
		public void setContentType(String type) {
			if (!this.request.exceeded) {
				super.setContentType(type);
			}
		}

		@Override
		public void flushBuffer() throws IOException {
			if (!this.request.exceeded) {
				super.flushBuffer();
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			return this.request.exceeded ? SINK : super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			return this.request.exceeded ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
		}

		private static final ServletOutputStream SINK = new ServletOutputStream() {

			@Override
			public void write(int b) {
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
			}

		};

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private boolean exceeded;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1));
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long count;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0) {
						counted(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0) {
						counted(n);
					}
					return n;
				}

				private void counted(int n) throws IOException {
					this.count += n;
					if (this.count > LimitedRequest.this.maxBytes) {
						LimitedRequest.this.exceeded = true;
						throw new IOException(
								"The body is larger than the limit of " + LimitedRequest.this.maxBytes + " bytes");
					}
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

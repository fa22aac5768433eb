package io.gatehouse.credential;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.ErrorResponses;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.BodySizeLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signature covers the body, and the signature is checked before the controller reads the body. For
 * a request signed with an access key, this filter reads the whole body first (after
 * {@link BodySizeLimitFilter}, so the size limit holds) and hands the rest of the chain a request that
 * serves those bytes again, as often as asked. Other requests pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class SignedBodyFilter extends OncePerRequestFilter {

    private static final String BODY = SignedBodyFilter.class.getName() + ".body";

    private final ErrorResponses errors;

    SignedBodyFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    /** The body of a signed request, as read before the chain went on; null for any other request. */
    static byte[] body(HttpServletRequest request) {
        return (byte[]) request.getAttribute(BODY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!AkskAuthorization.claims(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException e) {
            errors.write(request, response, new ApiException(IamError.BODY_TOO_LARGE, "The request body is too large."));
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BytesInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static final class BytesInputStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;

        BytesInputStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body has already been read");
        }
    }
}

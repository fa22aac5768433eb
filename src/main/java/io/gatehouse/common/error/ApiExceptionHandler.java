package io.gatehouse.common.error;

import io.gatehouse.common.web.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where refusals become HTTP responses. Anything unforeseen is a 500 with a generic
 * message; its details go to the log under the request id, never to the client.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorResponses responses;
    private final RefusalRecorder refusals;

    public ApiExceptionHandler(ErrorResponses responses, RefusalRecorder refusals) {
        this.responses = responses;
        this.refusals = refusals;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        return respond(request, e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(request, BodyErrors.describe(e.getCause()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(request, IamError.INVALID_PARAMETER.exception(e.getName()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e,
            HttpServletRequest request) {
        return respond(request, IamError.REQUIRED_PROPERTY.exception(e.getParameterName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return respond(request, IamError.REQUIRED_PROPERTY.exception(e.getHeaderName()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(request, IamError.METHOD_NOT_ALLOWED.exception(e.getMethod()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(request, IamError.UNSUPPORTED_MEDIA_TYPE.exception(String.valueOf(e.getContentType())));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return responses.entity(request.getRequestURI(), HttpStatus.NOT_ACCEPTABLE, "IAM.0007",
                "The response can only be application/json.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return respond(request, IamError.NOT_FOUND.exception("resource", request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(request, IamError.INTERNAL.exception());
    }

    private ResponseEntity<Map<String, Object>> respond(HttpServletRequest request, ApiException e) {
        refusals.recordIfWrite(request, e);
        return responses.entity(request.getRequestURI(), e.status(), e.code(), e.getMessage(), e.extra());
    }

    /** Turns Jackson's reading failures into messages that name the field, never a stack trace. */
    static final class BodyErrors {

        private BodyErrors() {
        }

        static ApiException describe(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof BodySizeLimitFilter.BodyTooLargeException) {
                    return new ApiException(IamError.BODY_TOO_LARGE, "The request body is too large.");
                }
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new ApiException(IamError.INVALID_PARAMETER,
                        "Request parameter " + path(unknown, unknown.getPropertyName()) + " is not recognized.");
            }
            if (cause instanceof InvalidFormatException format) {
                // The rejected value is not echoed: it may be a secret sent in the wrong type.
                return new ApiException(IamError.INVALID_FIELD, "Invalid input for field '" + path(format, null) + "'.");
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String expected = mismatch.getTargetType() == null ? "another type"
                        : mismatch.getTargetType().getSimpleName();
                return new ApiException(IamError.INVALID_FIELD,
                        "Invalid input for field '" + path(mismatch, null) + "': expected " + expected + ".");
            }
            if (cause instanceof InputCoercionException number && !number.getPath().isEmpty()) {
                // A well-formed number too large for its field.
                return new ApiException(IamError.INVALID_FIELD,
                        "Invalid input for field '" + path(number, null) + "': the number is out of range.");
            }
            if (cause instanceof StreamReadException || cause instanceof JacksonException || cause == null) {
                return new ApiException(IamError.INVALID_BODY, "Request body is invalid: it is empty or not well-formed JSON.");
            }
            return IamError.INVALID_BODY.exception();
        }

        private static String path(JacksonException e, String last) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : e.getPath()) {
                if (reference.getPropertyName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            if (path.isEmpty() && last != null) {
                return last;
            }
            return path.toString();
        }
    }
}

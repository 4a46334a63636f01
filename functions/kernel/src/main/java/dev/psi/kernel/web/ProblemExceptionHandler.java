package dev.psi.kernel.web;

import dev.psi.kernel.db.DataAccessException;
import dev.psi.kernel.db.SqlErrors;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a {@link ProblemException} with its problem. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    ProblemExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.status(HttpStatus.valueOf(exception.type().status())));
    }
}

/**
 * A database that cannot be reached (no connection from the pool within its timeout, a refused or broken
 * connection: {@link SqlErrors#isUnavailable}) is 503 with {@code Retry-After}; anything else from it is a 500.
 */
@Produces
@Singleton
@Requires(classes = {DataAccessException.class, ExceptionHandler.class})
final class DataAccessExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DataAccessExceptionHandler.class);
    /** How long a client should wait before retrying a request the database could not serve. */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final ErrorResponseProcessor<?> processor;

    DataAccessExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        boolean unavailable = SqlErrors.isUnavailable(exception);
        if (unavailable) {
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        } else {
            LOG.error("database error for {} {}", request.getMethod(), request.getPath(), exception);
        }
        var status = unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        var response = HttpResponse.status(status);
        if (unavailable) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(status.getReason()).build(), response);
    }
}

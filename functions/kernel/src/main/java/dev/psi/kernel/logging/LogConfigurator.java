package dev.psi.kernel.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.function.UnaryOperator;

/**
 * Every function's logging, set up in code: a {@code logback.xml} costs a start-up ~100 ms and ~300 classes (the
 * XML parser and Joran) on the user's clock. {@code LOG_FORMAT=json} (the cluster: one JSON object per line, the
 * MDC included: traceId, ce_id, order) or text (locally); {@code LOG_LEVEL} (default INFO) for the root. Both are
 * read as a system property first, then from the environment, as logback's {@code ${NAME:-default}} does.
 * Registered in {@code META-INF/services}; it runs before logback would look for a configuration file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} %mdc{traceId:-} %mdc{ce_id:-} %mdc{order:-} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, UnaryOperator<String> settings) {
        context.getStatusManager().add(new NopStatusListener());
        boolean json = "json".equalsIgnoreCase(settings.apply("LOG_FORMAT"));
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName(json ? "json" : "text");
        appender.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        appender.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        String level = settings.apply("LOG_LEVEL");
        root.setLevel(Level.toLevel(level == null || level.isBlank() ? "INFO" : level.trim(), Level.INFO));
        root.addAppender(appender);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        // the outbox relay's producer: its INFO is a config dump per client; WARN keeps "broker unreachable"
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        return encoder;
    }
}

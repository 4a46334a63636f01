package dev.psi.kernel.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogConfiguratorTest {

    @Test
    void shouldLogTextAtInfoByDefault() {
        var context = configured(Map.of());
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("text");
        assertNotNull(appender);
        var encoder = assertInstanceOf(PatternLayoutEncoder.class, appender.getEncoder());
        assertEquals(LogConfigurator.TEXT_PATTERN, encoder.getPattern());
        assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.apache.kafka").getLevel());
    }

    @Test
    void shouldLogJsonAtTheGivenLevelWhenAskedTo() {
        var context = configured(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"));
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("json");
        assertNotNull(appender);
        assertInstanceOf(JsonEncoder.class, appender.getEncoder());
    }

    @Test
    void shouldBeTheConfigurationLogbackUsesWithoutAnyFile() {
        // registered in META-INF/services: the process's own logging is configured by it, not by a default
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("text"));
    }

    private static LoggerContext configured(Map<String, String> settings) {
        var context = new LoggerContext();
        LogConfigurator.configure(context, settings::get);
        return context;
    }
}

package dev.psi.kernel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.psi.schema.DatabaseSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The primary database and, when DATABASE_REPLICA_HOST is set, a read replica; the replica falls
 * back to the primary. Pools are created on first use and open no connection before a query:
 * a scale-to-zero function must not pay for the database at start-up.
 */
@Factory
class Databases {

    @Singleton
    @Primary
    @Named("primary")
    @Bean(preDestroy = "close")
    Database primary(DatabaseConfiguration configuration) {
        return new Database("primary", pool("psi-primary", configuration.primary(), configuration.getPoolSize(), false));
    }

    @Singleton
    @Named("replica")
    @Bean(preDestroy = "close")
    Database replica(DatabaseConfiguration configuration, @Named("primary") Database primary) {
        return configuration.replica()
                .map(settings -> new Database("replica", pool("psi-replica", settings, configuration.getPoolSize(), true)))
                .orElse(primary.sharedView());
    }

    private static HikariDataSource pool(String name, DatabaseSettings settings, int size, boolean readOnly) {
        var config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setAutoCommit(true);
        config.setReadOnly(readOnly);
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        return new HikariDataSource(config);
    }
}

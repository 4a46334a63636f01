package dev.psi.kernel.db;

import dev.psi.schema.DatabaseSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code psi.database.*}, which the kernel's defaults fill from DATABASE_HOST, DATABASE_PORT,
 * DATABASE_NAME, DATABASE_USER, DATABASE_PASSWORD and DATABASE_REPLICA_HOST.
 */
@ConfigurationProperties("psi.database")
public final class DatabaseConfiguration {

    // The defaults are in psi-kernel.properties, with the environment variable each is read from.
    private String host;
    private int port;
    private String name;
    private String user;
    private String password;
    @Nullable
    private String replicaHost;
    private int poolSize;

    public DatabaseSettings primary() {
        return new DatabaseSettings(host, port, name, user, password == null ? "" : password);
    }

    /** The read replica's settings, or empty when no replica is configured. */
    public java.util.Optional<DatabaseSettings> replica() {
        return replicaHost == null || replicaHost.isBlank()
                ? java.util.Optional.empty()
                : java.util.Optional.of(primary().withHost(replicaHost));
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    @Nullable public String getReplicaHost() { return replicaHost; }
    public void setReplicaHost(@Nullable String replicaHost) { this.replicaHost = replicaHost; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
}

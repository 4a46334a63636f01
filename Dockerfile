# syntax=docker/dockerfile:1
# One image per function: docker build --build-arg FUNCTION=stock-adjust -t psi/stock-adjust .
# FUNCTION is a module under functions/ (catalog, order-create, order-workflow, stock-adjust,
# inventory-query, schema for the migration Job) or a top-level module (console).
# Without a Docker engine: deploy/build-image.sh builds this same file with buildah and checks the image.

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---- build: the Maven wrapper, with the dependency cache kept between builds ------------------------
FROM ${JDK_IMAGE} AS build
ARG FUNCTION
ARG MAVEN_OPTS_EXTRA=""
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=psi-maven,target=/root/.m2 \
    set -eu; \
    test -n "${FUNCTION}" || { echo "--build-arg FUNCTION=<module> is required" >&2; exit 1; }; \
    if [ -d "functions/${FUNCTION}" ]; then module="functions/${FUNCTION}"; else module="${FUNCTION}"; fi; \
    test -f "${module}/pom.xml" || { echo "no module ${FUNCTION}" >&2; exit 1; }; \
    ./mvnw -B -q ${MAVEN_OPTS_EXTRA} -pl "${module}" -am package -DskipTests -Dmaven.javadoc.skip=true; \
    mkdir -p /out; \
    jar="${module}/target/${FUNCTION}.jar"; \
    [ -f "${jar}" ] || jar=$(ls "${module}"/target/*-migrate.jar 2>/dev/null | head -1); \
    cp "${jar}" /out/app.jar

# ---- runtime: a JRE, the jar, its AOT cache; no build tools, not root -------------------------------
FROM ${JRE_IMAGE}
ARG FUNCTION
# The training run's HTTP port (the build's network may be the host's, so it is not fixed).
ARG TRAINING_PORT=8080
LABEL org.opencontainers.image.title="psi-${FUNCTION}" \
      org.opencontainers.image.source="https://github.com/psi-on-knative/psi" \
      dev.psi.function="${FUNCTION}"
RUN groupadd --gid 10001 psi && useradd --uid 10001 --gid psi --no-create-home --home-dir /app --shell /usr/sbin/nologin psi
WORKDIR /app
COPY --from=build /out/app.jar /app/app.jar
# order-workflow's PDF documents set Chinese names in an embedded subset of a CJK TrueType font, read from the
# file system rather than carried in the jar (5 MB on disk, read on the first document that needs it).
RUN if [ "${FUNCTION}" = "order-workflow" ]; then \
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        fonts-wqy-microhei >/dev/null && rm -rf /var/lib/apt/lists/*; \
    fi
COPY deploy/aot-training.sh /tmp/aot-training.sh
# The functions' JVM options (heap, GC, tiering), the one definition the local launcher and the cold-start
# bench read too: a java @argfile.
COPY deploy/jvm-flags /app/jvm-flags
# The same options in the training run and at run time: the JVM uses a cache only with the JVM, the
# class path and the options that made it.
ENV JDK_JAVA_OPTIONS="-XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    PORT=8080
# The JDK 25 AOT cache: one training run (start, a few requests, SIGTERM) records the classes loaded
# and linked, so a cold start (what a scale-to-zero user waits for) loads them from the cache.
RUN PORT=${TRAINING_PORT} bash /tmp/aot-training.sh /app/app.jar /app/app.aot /app/jvm-flags && rm /tmp/aot-training.sh \
    && chmod 0444 /app/app.jar /app/app.aot /app/jvm-flags
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["java", "@/app/jvm-flags", "-XX:AOTCache=/app/app.aot", "-jar", "/app/app.jar"]

# The nfs-direct image: the runnable jar on a Temurin 17 JRE. One image serves every service of
# docker-compose.yml (the embedded NFS server, the cluster nodes and the demo client); the
# command line picks the role, e.g. `docker run IMAGE serve --export /export --bind 0.0.0.0`.

# ---- poms: only the pom.xml files, at their paths ---------------------------------------------
# The build stage copies these first, so the dependency download below stays cached until a pom
# changes. Collecting them with find keeps a new module from needing an edit here.
FROM maven:3.9-eclipse-temurin-17 AS poms
WORKDIR /src
COPY . .
RUN mkdir -p /poms \
 && find . -name pom.xml -not -path '*/target/*' -exec cp --parents {} /poms/ \;

# ---- build: Maven + JDK 17 --------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY --from=poms /poms/ ./
# Every dependency and plugin the build needs, in its own layer (the modules' own artifacts are
# left to the reactor).
RUN mvn -B -q -ntp dependency:go-offline
COPY . .
RUN mvn -B -q -ntp -DskipTests -pl cli -am package \
 && cp cli/target/nfsdirect.jar /nfsdirect.jar

# ---- runtime: JRE 17 --------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# A fixed non-root user, the same in every container, so the AUTH_SYS uid the nodes send owns
# what the embedded server creates. /export, /data (the demo's shared files) and /tls (the
# cluster's keys) are created owned by it, so a fresh named volume mounted there starts out
# writable by it.
COPY bin/cluster-demo /app/bin/cluster-demo
RUN groupadd --system --gid 10001 nfsdirect \
 && useradd --system --uid 10001 --gid nfsdirect --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin nfsdirect \
 && mkdir -p /export /data /tls \
 && chown nfsdirect:nfsdirect /export /data /tls \
 && printf '%s\n' '#!/usr/bin/env bash' \
        '# nfsdirect in the image: the same command as bin/nfsdirect in a checkout.' \
        'exec java ${NFSDIRECT_JAVA_OPTS:-} -jar /app/nfsdirect.jar "$@"' \
        > /usr/local/bin/nfsdirect \
 && chmod 0755 /usr/local/bin/nfsdirect /app/bin/cluster-demo
COPY --from=build /nfsdirect.jar /app/nfsdirect.jar
# bin/cluster-demo runs this instead of bin/nfsdirect (docker-compose's demo service).
ENV NFSDIRECT=/usr/local/bin/nfsdirect
USER nfsdirect
WORKDIR /app
# Artery (cluster nodes) and NFS + MOUNT (serve) in docker-compose.yml.
EXPOSE 2552 2049
ENTRYPOINT ["java", "-jar", "/app/nfsdirect.jar"]
CMD ["--help"]

# Lintel's image: built on Debian 12 with the same packages as scripts/install-deps.sh, run on
# Debian 12 slim as a non-root user with only the shared libraries it links.
#   docker build -t lintel .
#   docker run --rm lintel version
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ cmake ninja-build pkg-config ca-certificates \
      libprotobuf-dev protobuf-compiler libyaml-dev libboost-dev libboost-system-dev libssl-dev \
      libre2-dev libcpprest-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINTEL_TESTS=OFF \
 && cmake --build build --target lintel \
 && strip build/cmd/lintel/lintel

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libprotobuf32 libyaml-0-2 \
      libssl3 libre2-9 libcpprest2.10 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/cmd/lintel/lintel /usr/local/bin/lintel
# The chart's securityContext runs it as this user with a read-only root filesystem.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/lintel"]
CMD ["run", "--in-cluster"]

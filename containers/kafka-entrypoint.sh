#!/bin/bash
# Writes server.properties (the same broker settings as bin/codegen kafka, plus a listener for
# clients outside the container network), formats /var/lib/kafka on first start, runs the broker.
set -euo pipefail
data=/var/lib/kafka
internal="${KAFKA_INTERNAL_HOST:-$(hostname)}"
external="${KAFKA_EXTERNAL_ADVERTISED:-127.0.0.1:9094}"
heartbeat="${CODEGEN_KAFKA_GROUP_HEARTBEAT_MS:-500}"
classpath="/opt/kafka/libs/*"
logging=(-Dlogback.configurationFile=/opt/kafka/logback.xml)
cat >"$data/server.properties" <<PROPERTIES
# Written by kafka-entrypoint on every start.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,CONTROLLER://127.0.0.1:9093
advertised.listeners=INTERNAL://$internal:9092,EXTERNAL://$external,CONTROLLER://127.0.0.1:9093
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data/logs
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.share.enable=true
group.share.heartbeat.interval.ms=500
group.share.min.heartbeat.interval.ms=500
group.initial.rebalance.delay.ms=0
group.consumer.heartbeat.interval.ms=$heartbeat
group.consumer.min.heartbeat.interval.ms=$heartbeat
group.consumer.session.timeout.ms=15000
group.consumer.min.session.timeout.ms=10000
PROPERTIES
if [[ ! -f "$data/logs/meta.properties" ]]; then
  cluster_id="$(java "${logging[@]}" -cp "$classpath" kafka.tools.StorageTool random-uuid)"
  java "${logging[@]}" -cp "$classpath" kafka.tools.StorageTool format --standalone \
    -t "$cluster_id" -c "$data/server.properties" >/dev/null
  echo "kafka-entrypoint: formatted $data/logs (cluster $cluster_id)"
fi
echo "kafka-entrypoint: broker on $internal:9092 (containers) and $external (outside)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} "${logging[@]}" -cp "$classpath" kafka.Kafka "$data/server.properties"

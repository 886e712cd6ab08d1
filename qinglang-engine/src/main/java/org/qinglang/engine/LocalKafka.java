package org.qinglang.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A one-node Kafka 4.4 (KRaft: broker and controller in one process) on loopback, for tests
 * and for trying the Kafka path ({@code qinglang kafka serve}). Kafka's own test kit is not
 * published, so this formats the storage the way {@code kafka-storage format} does and starts
 * the server the way {@code kafka-server-start} does. Needs the Kafka broker jars on the class
 * path (provided scope here: the job jar does not carry them).
 */
public final class LocalKafka implements AutoCloseable {
  private final KafkaRaftServer server;
  private final String bootstrap;

  private LocalKafka(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /** On free ports, with fresh storage under {@code dir}. */
  public static LocalKafka start(Path dir) throws Exception {
    return start(dir, 0);
  }

  /**
   * On {@code port} (0: a free one) and a free controller port. Storage under {@code dir} is
   * formatted on first use and reused afterwards, so topics survive a restart of the broker.
   */
  public static LocalKafka start(Path dir, int port) throws Exception {
    int brokerPort = port > 0 ? port : freePort();
    int controllerPort = freePort();
    String logs = dir.resolve("logs").toAbsolutePath().toString();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logs);
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // One node: every internal topic with one replica, and no waiting for more members.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    KafkaConfig config = KafkaConfig.fromProps(p, false);

    boolean formatted = java.nio.file.Files.exists(Path.of(logs, "meta.properties"));
    Formatter f = new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logs))
        .setMetadataLogDirectory(logs)
        .setControllerListenerName("CONTROLLER")
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    if (!formatted) {
      f.run();
    }

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    LocalKafka k = new LocalKafka(server, "127.0.0.1:" + brokerPort);
    k.awaitReady();
    return k;
  }

  public String bootstrap() {
    return bootstrap;
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
    try (Admin a = admin()) {
      a.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin a = admin()) {
        if (!a.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("broker on " + bootstrap + " not ready in 30 s", last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}

package org.qinglang.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Detector;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Directory;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.Json;

/**
 * The Qinglang stream job. Data flow:
 *
 * <pre>
 * JSONL file(s) ─▶ parse (strict) ─┬─▶ dead letters (side output) ─▶ dead-letter JSONL
 *                                  └─▶ event time, watermark = max ts − 10 s
 *                                       ─▶ order link (keyed by order: fill room of cancels/refunds)
 *                                       ─▶ per scope: keyBy(room | account | "*" | the
 *                                          KEYED detector's own keys, an event to each)
 *                                            ⋈ directory (broadcast: accounts, rooms, products)
 *                                            ─▶ detectors (KeyState: event-time order per key)
 *                                       ─▶ alerts ─▶ upsert by alert id ─▶ alerts JSONL
 * </pre>
 *
 * <p>The same graph runs in-process (MiniCluster) or on a Flink cluster; {@link #main} is the
 * entry point for {@code flink run}.
 */
public final class QinglangJob {
  static final OutputTag<Parsed> BAD = new OutputTag<>("bad-lines", TypeInformation.of(Parsed.class));

  /**
   * What to run. {@code run} names the in-process progress counters (may be null). With
   * {@code kafka} set, events come from Kafka and {@code inputs} is ignored.
   */
  public record Config(List<Path> inputs, Path alerts, Path deadLetters, List<String> kinds,
      int parallelism, String run, KafkaIngest.Options kafka, long failOnceAfter) {
    public Config(List<Path> inputs, Path alerts, Path deadLetters, List<String> kinds,
        int parallelism, String run) {
      this(inputs, alerts, deadLetters, kinds, parallelism, run, null, 0);
    }

    public Config(List<Path> inputs, Path alerts, Path deadLetters, List<String> kinds,
        int parallelism, String run, KafkaIngest.Options kafka) {
      this(inputs, alerts, deadLetters, kinds, parallelism, run, kafka, 0);
    }

    /** With fault injection: the job fails once after that many events (recovery tests). */
    public Config(List<Path> inputs, Path alerts, Path deadLetters, List<String> kinds,
        int parallelism, String run, long failOnceAfter) {
      this(inputs, alerts, deadLetters, kinds, parallelism, run, null, failOnceAfter);
    }

    /** Where detector faults go: beside the dead letters, which are the input's faults. */
    public Path faults() {
      return faultsBeside(deadLetters);
    }
  }

  /** The detector-faults file that goes with a dead-letter file. */
  public static Path faultsBeside(Path deadLetters) {
    return deadLetters.resolveSibling("detector-faults.jsonl");
  }

  private QinglangJob() {}

  /** The detectors to run: all registered ones, or those of the given kinds. */
  public static List<Detector<?>> detectors(List<String> kinds) {
    List<Detector<?>> all = DetectorGroup.discover();
    if (kinds == null || kinds.isEmpty()) {
      return all;
    }
    List<Detector<?>> chosen = all.stream().filter(d -> kinds.contains(d.kind())).toList();
    for (String k : kinds) {
      if (chosen.stream().noneMatch(d -> d.kind().equals(k))) {
        throw new IllegalArgumentException("no detector of kind '" + k + "'; known: "
            + all.stream().map(Detector::kind).toList());
      }
    }
    return chosen;
  }

  /**
   * Settings the job relies on. Object reuse is safe because events and alerts are immutable,
   * and it saves a copy per chained operator.
   */
  public static void configure(StreamExecutionEnvironment env) {
    env.getConfig().enableObjectReuse();
  }

  /** Adds the whole job to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Config c) {
    if (c.kafka() != null) {
      if (!c.kafka().bounded() && !env.getCheckpointConfig().isCheckpointingEnabled()) {
        // Sinks commit their files and the source commits offsets on checkpoints.
        env.enableCheckpointing(KafkaIngest.CHECKPOINT_INTERVAL.toMillis());
      }
      analyze(KafkaIngest.events(env, c.kafka(), c.run()), c, true);
      return;
    }
    List<org.apache.flink.core.fs.Path> paths = new ArrayList<>();
    for (Path p : c.inputs()) {
      paths.add(new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()));
    }
    String source = c.inputs().size() == 1 ? c.inputs().get(0).getFileName().toString() : "input";
    FileSource<Parsed> files = FileSource.forRecordStreamFormat(new JsonlFormat(source, c.run()),
        paths.toArray(new org.apache.flink.core.fs.Path[0])).build();
    DataStream<Parsed> parsed = env.fromSource(files, WatermarkStrategy.noWatermarks(), "events")
        .uid("file-source").setParallelism(1);
    analyze(parsed, c);
  }

  /**
   * Everything after the source: shared by the file and Kafka entry points. The parse, split,
   * watermark and routing filters run chained in the source's task (parallelism 1, no
   * serialisation between them); each event then crosses the network once per detector scope
   * that wants it, in {@link EventSerializer}'s compact form.
   */
  public static void analyze(DataStream<Parsed> parsed, Config c) {
    analyze(parsed, c, false);
  }

  /**
   * {@code timedAtSource}: the source already assigns event time (per Kafka partition, see
   * {@link KafkaIngest}); otherwise it is assigned here, after parsing.
   */
  static void analyze(DataStream<Parsed> parsed, Config c, boolean timedAtSource) {
    int sourcePar = parsed.getParallelism();
    SingleOutputStreamOperator<Event> split = parsed
        .process(new ProcessFunction<Parsed, Event>() {
          @Override
          public void processElement(Parsed p, Context ctx, Collector<Event> out) {
            if (p.isBad()) {
              ctx.output(BAD, p);
            } else {
              out.collect(p.event());
            }
          }
        }).name("split bad lines").uid("split-bad-lines").returns(EventTypeInfo.INSTANCE)
        .setParallelism(sourcePar);
    split.getSideOutput(BAD)
        .sinkTo(new AppendJsonlSink<>(c.deadLetters(), new DeadLetterCodec()))
        .name("dead letters").uid("dead-letters").setParallelism(1);
    SingleOutputStreamOperator<Event> events = split;
    if (c.failOnceAfter() > 0) {
      events = events.filter(new FailOnce(c.failOnceAfter(), c.run())).name("fault injection")
          .uid("fault-injection").setParallelism(sourcePar);
    }

    DataStream<Event> timed = timedAtSource ? events : events.assignTimestampsAndWatermarks(
            EventTime.<Event>strategy((e, ts) -> e.ts(), c.run()))
        .name("event time").uid("event-time").setParallelism(sourcePar);

    List<DetectorGroup> groups = DetectorGroup.byScope(detectors(c.kinds()));
    List<Router.Route> routes = new ArrayList<>();
    for (DetectorGroup g : groups) {
      routes.add(Router.Route.of(g, uidOf(g)));
    }
    // One router in the source's task sends each event to every group that wants it and the
    // orders to the order link; a second, after the link, bundles the linked orders.
    SingleOutputStreamOperator<Event> routed = timed
        .transform("route", EventTypeInfo.INSTANCE, new Router(routes, true))
        .uid("route").setParallelism(sourcePar);
    SingleOutputStreamOperator<Event> linked = routed
        .keyBy(OrderLinker::orderOf, Types.STRING)
        .process(new OrderLinkFunction()).name("order link").uid("order-link")
        .returns(EventTypeInfo.INSTANCE)
        .transform("route orders", EventTypeInfo.INSTANCE, new Router(routes, false))
        .uid("route-orders");

    DataStream<Alert> alerts = null;
    DataStream<String> faults = null;
    for (Router.Route route : routes) {
      DetectorGroup g = route.group();
      var scope = g.scope();
      String name = route.name().replace('-', ' ');
      String uid = route.name();
      BroadcastStream<Event> directory = routed.getSideOutput(route.directory())
          .broadcast(DetectorGroupFunction.ACCOUNTS, DetectorGroupFunction.ROOMS,
              DetectorGroupFunction.PRODUCTS);
      DataStream<Bundle> mine = routed.getSideOutput(route.bundles())
          .union(linked.getSideOutput(route.bundles()));
      SingleOutputStreamOperator<Alert> out = mine
          .keyBy(Bundle::key, Types.STRING)
          .connect(directory)
          .process(new DetectorGroupFunction(g))
          .name(name + " detectors " + g.detectors().stream().map(Detector::kind).toList())
          .uid(uid + "-detectors")
          .returns(AlertTypeInfo.INSTANCE);
      if (scope == org.qinglang.detect.Scope.GLOBAL) {
        out.setParallelism(1);
      }
      alerts = alerts == null ? out : alerts.union(out);
      DataStream<String> f = out.getSideOutput(DetectorGroupFunction.FAULTS);
      faults = faults == null ? f : faults.union(f);
    }
    if (faults != null) {
      faults.sinkTo(new AppendJsonlSink<>(c.faults(), new LineCodec()))
          .name("detector faults").uid("detector-faults").setParallelism(1);
    }
    if (alerts != null) {
      alerts.sinkTo(new UpsertJsonlSink<>(c.alerts(), new AlertCodec(), Integer.getInteger(
              "qinglang.alerts.freezeAfter", UpsertJsonlSink.FREEZE_AFTER)))
          .name("alerts").uid("alerts").setParallelism(1);
      if (c.kafka() != null && c.kafka().alertsTopic() != null) {
        KafkaIngest.alerts(alerts, c.kafka());
      }
    }
  }

  /**
   * A group's stable name, which its operator ids derive from so a savepoint maps onto a changed
   * job graph: by scope (and the detector's kind for a group of one), never by position in the
   * graph. A detector moved from GLOBAL to KEYED gets a new id on purpose: its one "*" state
   * cannot be split into per-key states by a restore, so an older savepoint's "global-<kind>"
   * state is left unrestored (flink run --allowNonRestoredState) and the keyed detector starts
   * afresh.
   */
  static String uidOf(DetectorGroup g) {
    var scope = g.scope();
    boolean own = scope == org.qinglang.detect.Scope.GLOBAL
        || scope == org.qinglang.detect.Scope.KEYED;
    return scope.name().toLowerCase(java.util.Locale.ROOT) + (own ? "-" + g.get(0).kind() : "");
  }

  static final class AlertCodec implements UpsertJsonlSink.Codec<Alert> {
    @Override
    public String key(Alert a) {
      return a.id();
    }

    @Override
    public String line(Alert a) {
      return AlertJson.toLine(a);
    }

    @Override
    public String metric() {
      return "alertsOut"; // alert versions written, per kind
    }

    @Override
    public String labelName() {
      return "kind";
    }

    @Override
    public String label(Alert a) {
      return a.kind();
    }

  }


  /** Lines as they come: a replay after a restore writes each once (see AppendJsonlSink). */
  static final class LineCodec implements JsonlCodec<String> {
    @Override
    public String line(String line) {
      return line;
    }
  }

  static final class DeadLetterCodec implements JsonlCodec<Parsed> {
    @Override
    public String line(Parsed p) {
      return Json.line(g -> {
        g.writeStartObject();
        g.writeStringField("source", p.source());
        g.writeNumberField("line", p.line());
        g.writeStringField("reason", p.reason());
        g.writeStringField("raw", p.raw().length() > 1000 ? p.raw().substring(0, 1000) : p.raw());
        g.writeEndObject();
      });
    }

    @Override
    public String metric() {
      return "badLines"; // lines and records set aside, per reason
    }

    @Override
    public String labelName() {
      return "reason";
    }

    /** The reason without its particulars: "unknown type", "implausible ts", "invalid JSON". */
    @Override
    public String label(Parsed p) {
      String r = p.reason();
      int end = 0;
      while (end < r.length() && ":'(0123456789".indexOf(r.charAt(end)) < 0) {
        end++;
      }
      return r.substring(0, end).strip();
    }

  }

  /**
   * Entry point for a Flink cluster: {@code flink run qinglang-job.jar --input F --alerts A
   * [--dead-letter D] [--kinds k1,k2]}, or instead of {@code --input}: {@code --kafka-bootstrap
   * HOST:PORT --kafka-topic T [--kafka-group G] [--kafka-bounded] [--alerts-topic T2]}.
   */
  public static void main(String[] args) throws Exception {
    Path input = null;
    Path alerts = Path.of("alerts.jsonl");
    Path dead = null;
    List<String> kinds = List.of();
    String bootstrap = null;
    String topic = null;
    String group = null;
    String alertsTopic = null;
    boolean bounded = false;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (opt.equals("--kafka-bounded")) {
        bounded = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + opt + " needs a value");
      }
      String v = args[++i];
      switch (opt) {
        case "--input" -> input = Path.of(v);
        case "--alerts" -> alerts = Path.of(v);
        case "--dead-letter" -> dead = Path.of(v);
        case "--kinds" -> kinds = List.of(v.split(","));
        case "--kafka-bootstrap" -> bootstrap = v;
        case "--kafka-topic" -> topic = v;
        case "--kafka-group" -> group = v;
        case "--alerts-topic" -> alertsTopic = v;
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
    }
    KafkaIngest.Options kafka = null;
    if (bootstrap != null || topic != null) {
      if (input != null) {
        throw new IllegalArgumentException("give --input or --kafka-topic, not both");
      }
      kafka = new KafkaIngest.Options(bootstrap, topic, group, bounded, alertsTopic);
    } else if (input == null) {
      throw new IllegalArgumentException("--input FILE or --kafka-bootstrap/--kafka-topic is required");
    } else if (bounded || group != null || alertsTopic != null) {
      throw new IllegalArgumentException("--kafka-group, --kafka-bounded and --alerts-topic need --kafka-topic");
    }
    if (dead == null) {
      dead = alerts.resolveSibling("dead-letter.jsonl");
    }
    UpsertJsonlSink.clear(alerts);
    UpsertJsonlSink.clear(dead);
    UpsertJsonlSink.clear(faultsBeside(dead));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env);
    build(env, new Config(input == null ? List.of() : List.of(input), alerts, dead, kinds,
        env.getParallelism(), null, kafka));
    env.execute("qinglang analyze " + (kafka != null ? "kafka:" + kafka.topic() : input.getFileName()));
  }
}

package org.qinglang.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** What the two JSON Lines sinks share: pending files beside the target, and their counters. */
final class SinkFiles {
  private SinkFiles() {}

  /** Hidden pending files of {@code target} are named {@code .NAME.…pending}. */
  static String pendingPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  static List<Path> pendingFiles(Path target) throws IOException {
    String prefix = pendingPrefix(target);
    try (Stream<Path> all = Files.list(target.toAbsolutePath().getParent())) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".pending")).sorted().toList();
    }
  }

  static void publish(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes {@code bytes} at {@code at} and forces them to disk before returning. */
  static void writeAt(FileChannel ch, byte[] bytes, long at) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      at += ch.write(b, at);
    }
    ch.force(true);
  }

  /** Cuts {@code file} back to {@code length} if it is longer, durably. */
  static void cutTo(Path file, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > length) {
        ch.truncate(length);
        ch.force(true);
      }
    }
  }

  /** A hidden pending file of {@code target}, {@code .NAME.ID.pending}. */
  static Path pending(Path target, String id) {
    return target.resolveSibling(pendingPrefix(target) + id + ".pending");
  }

  static void createParent(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
  }

  /**
   * Applies completed checkpoints' pending files to the target in the order they were written.
   * Idempotent: after a restore Flink may hand a committable again that was applied before.
   */
  abstract static class InOrder implements Committer<String> {
    final Path target;

    InOrder(Path target) {
      this.target = target;
    }

    /** Applies one pending file; false if the target already had it. */
    abstract boolean apply(Path pending) throws IOException;

    @Override
    public void commit(Collection<CommitRequest<String>> requests) throws IOException {
      List<CommitRequest<String>> inOrder = new ArrayList<>(requests);
      inOrder.sort(Comparator.comparing(CommitRequest::getCommittable));
      for (CommitRequest<String> r : inOrder) {
        if (!apply(Path.of(r.getCommittable()))) {
          r.signalAlreadyCommitted();
        }
      }
    }

    @Override
    public void close() {}
  }

  /** Counts records per label of a codec's metric; few distinct labels, one counter each. */
  static final class Counting<T> {
    private final JsonlCodec<T> codec;
    private final MetricGroup metrics;
    private final Map<String, Counter> counters = new HashMap<>();

    Counting(JsonlCodec<T> codec, MetricGroup metrics) {
      this.codec = codec;
      this.metrics = codec.metric() == null ? null : metrics;
    }

    void count(T t) {
      if (metrics != null) {
        counters.computeIfAbsent(codec.label(t), l -> metrics
            .addGroup(codec.labelName(), l).counter(codec.metric())).inc();
      }
    }
  }

  /** A committable is the pending file's path. */
  static final class PendingSerializer implements SimpleVersionedSerializer<String> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(int version, byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}

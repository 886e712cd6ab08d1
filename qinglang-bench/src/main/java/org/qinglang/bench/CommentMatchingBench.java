package org.qinglang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.detectors.comment.ClaimText;
import org.qinglang.detectors.comment.NearDuplicateIndex;
import org.qinglang.detectors.comment.TextNormalizer;

/**
 * Near-duplicate matching of bullet comments on one thread: normalise, classify, and assign
 * to a cluster of a room's {@link NearDuplicateIndex}, for every comment (the detector only
 * indexes substantive ones; here every text is indexed, the harder case).
 *
 * <p>Texts: the real Bilibili broadcast of shared/data/danmaku when it is found (11,023
 * comments), with one in ten replaced by a varied paid testimonial; otherwise a synthetic mix.
 * Event time advances 300 ms a comment (about 200 comments a minute, the broadcast's peak),
 * so the 12-minute window holds a realistic number of clusters. One op = one comment.
 *
 * <p>Run: {@code java -jar qinglang-bench/target/benchmarks.jar CommentMatchingBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommentMatchingBench {
  private static final String[] PAID = {"{n}颗就瘦了{n}.{n}斤", "{n}天成功{n}天破平台期", "我喝酒夜宵还瘦了{n}斤，就{n}盒",
      "用了{n}天斑淡了好多", "我爸吃了{n}个月血糖降了", "喝了{n}天，终于睡整觉了"};
  private static final String[] FILL = {"", "姐妹们，", "亲测 ", "真的", "宝子们"};
  private static final String[] TAIL = {"", "！！", "，真的绝了👍", "~冲就完了🔥", "[赞]"};

  private String[] texts;
  private int next;
  private long ts;
  private NearDuplicateIndex index;

  @Setup(Level.Trial)
  public void load() throws IOException {
    List<String> real = realTexts();
    SplittableRandom rnd = new SplittableRandom(42);
    List<String> out = new ArrayList<>();
    int n = real.isEmpty() ? 20_000 : real.size();
    for (int i = 0; i < n; i++) {
      if (real.isEmpty() || rnd.nextInt(10) == 0) {
        StringBuilder sb = new StringBuilder(FILL[rnd.nextInt(FILL.length)]);
        String tpl = PAID[rnd.nextInt(PAID.length)];
        for (int k = 0; k < tpl.length(); k++) {
          if (tpl.startsWith("{n}", k)) {
            sb.append(1 + rnd.nextInt(9));
            k += 2;
          } else {
            sb.append(tpl.charAt(k));
          }
        }
        sb.append(TAIL[rnd.nextInt(TAIL.length)]);
        out.add(sb.toString());
      } else {
        out.add(real.get(i));
      }
    }
    texts = out.toArray(new String[0]);
    index = new NearDuplicateIndex(12 * 60_000L, 4_096);
    ts = 0;
    next = 0;
  }

  private static List<String> realTexts() throws IOException {
    for (String base : new String[] {"../shared", "../../shared", "shared", "/work/shared"}) {
      Path p = Path.of(base, "data", "danmaku", "asoul-debut-2020-12-11.jsonl");
      if (Files.isRegularFile(p)) {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(p)) {
          int i = line.indexOf("\"text\":\"");
          if (i >= 0) {
            out.add(line.substring(i + 8, line.lastIndexOf('"')));
          }
        }
        return out;
      }
    }
    return List.of();
  }

  /** Normalise + classify + cluster one comment. */
  @Benchmark
  public long matchOne() {
    String text = texts[next];
    next = next + 1 == texts.length ? 0 : next + 1;
    ts += 300;
    String norm = TextNormalizer.normalize(text);
    boolean claim = ClaimText.classify(norm).substantive();
    return index.assign(norm, ts) + (claim ? 1 : 0);
  }

  /** Normalisation alone, for comparison. */
  @Benchmark
  public String normaliseOne() {
    String text = texts[next];
    next = next + 1 == texts.length ? 0 : next + 1;
    return TextNormalizer.normalize(text);
  }
}

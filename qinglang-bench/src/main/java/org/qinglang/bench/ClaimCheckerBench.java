package org.qinglang.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.detectors.claim.ClaimChecker;
import org.qinglang.io.Json;

/**
 * Sentences per second through {@link ClaimChecker#check} on one thread, over the labelled
 * claim corpora (about half of them violating, so most sentences take the slow path of
 * evaluating exemptions and conditions). Run from the repository root so that the corpus path
 * resolves. Warm-up is long because on a shared 2-core machine the JIT needs tens of seconds
 * of wall time before the steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ClaimCheckerBench {

  @Param("qinglang-detectors/src/test/resources/claims")
  public String corpusDir;

  /**
   * The corpus files read, joined by '+' (JMH reads a comma as a list of parameter values, one
   * run each). The default is the rules' development text, short
   * sentences that mostly stop at the first rule hit; a blind corpus by another writer
   * ({@code -p files=context-v15.jsonl}) reaches the learned model and the exemptions more
   * often and is the slower, fairer figure.
   */
  @Param("corpus.jsonl+holdout-v1.jsonl+holdout-v2.jsonl")
  public String files;

  /** Corpus sentences per checked text: 1 (a sentence, ~13 chars), 3 (an ASR segment). */
  @Param({"1", "3"})
  public int join;

  private String[] texts;
  private String[] categories;
  private ClaimChecker checker;

  /** Where the benchmark thread is in the corpus. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void load() throws IOException {
    List<String> t = new ArrayList<>();
    List<String> c = new ArrayList<>();
    for (String name : files.split("\\+")) {
      Path p = Path.of(corpusDir, name);
      if (!Files.exists(p)) {
        throw new IOException("corpus file " + p.toAbsolutePath()
            + " not found: run from the repository root or pass -p corpusDir=...");
      }
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.MAPPER.readTree(line);
        t.add(n.path("text").asText());
        c.add(n.path("category").isNull() ? null : n.path("category").asText());
      }
    }
    List<String> jt = new ArrayList<>();
    List<String> jc = new ArrayList<>();
    for (int i = 0; i + join <= t.size(); i += join) {
      jt.add(String.join("，", t.subList(i, i + join)));
      jc.add(c.get(i));
    }
    texts = jt.toArray(new String[0]);
    categories = jc.toArray(new String[0]);
    checker = ClaimChecker.standard();
  }

  @Benchmark
  public int checkOneSentence(Cursor cursor) {
    int i = cursor.next;
    cursor.next = i + 1 == texts.length ? 0 : i + 1;
    return checker.check(texts[i], categories[i]).size();
  }
}

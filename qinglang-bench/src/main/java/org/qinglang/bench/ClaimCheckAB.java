package org.qinglang.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of the claim check timed against each other in one JVM: each build's jar in a class
 * loader of its own, the same sentences checked by one build and then the other, pass after pass,
 * the order swapped every pass. On a host whose speed drifts (a VM whose neighbours come and go;
 * on the AMD host of the twenty-fourth session JMH's own error was a fifth of its figure), what
 * the drift does to one pass it does to the neighbouring pass of the other build, so the ratio of
 * the two times per pair holds where either figure alone swings.
 *
 * <p>Each jar must hold the checker and its dependencies, as {@code benchmarks.jar} does. The
 * input is a corpus file of the claims tests (one JSON object per line with {@code text} and
 * {@code category}); each build reads it with its own classes.
 *
 * <pre>java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.ClaimCheckAB \
 *     A.jar B.jar qinglang-detectors/src/test/resources/claims/context-v16.jsonl [pairs]</pre>
 *
 * Prints each build's wall time per sentence (median and quartiles over the pairs) and the
 * ratio A/B per pair: above 1 when B is faster.
 */
public final class ClaimCheckAB {
  private ClaimCheckAB() {}

  /** One build's checker, reached by reflection through its own class loader. */
  private record Build(String jar, Object checker, Method check, List<String[]> texts) {

    static Build load(Path jar, Path corpus) throws Exception {
      URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> c = cl.loadClass("org.qinglang.detectors.claim.ClaimChecker");
      Object checker = c.getMethod("standard").invoke(null);
      Method check = c.getMethod("check", String.class, String.class);
      Object mapper = cl.loadClass("org.qinglang.io.Json").getField("MAPPER").get(null);
      Method readTree = mapper.getClass().getMethod("readTree", String.class);
      List<String[]> texts = new ArrayList<>();
      for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Object node = readTree.invoke(mapper, line);
        Method path = node.getClass().getMethod("path", String.class);
        texts.add(new String[] {text(path.invoke(node, "text")),
            text(path.invoke(node, "category"))});
      }
      return new Build(jar.toString(), checker, check, texts);
    }

    private static String text(Object node) throws Exception {
      return (String) node.getClass().getMethod("asText", String.class).invoke(node,
          (Object) null);
    }

    /** One pass over the sentences; wall nanoseconds per sentence. */
    double pass() throws Exception {
      long t0 = System.nanoTime();
      for (String[] t : texts) {
        check.invoke(checker, t[0], t[1]);
      }
      return (System.nanoTime() - t0) / (double) texts.size();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ClaimCheckAB A.jar B.jar corpus.jsonl [pairs]");
      System.exit(2);
    }
    int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    Path corpus = Path.of(args[2]);
    Build[] b = {Build.load(Path.of(args[0]), corpus), Build.load(Path.of(args[1]), corpus)};
    for (int w = 0; w < 20; w++) { // the JIT's passes
      b[0].pass();
      b[1].pass();
    }
    double[][] ns = new double[2][pairs];
    double[] ratio = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      int first = p % 2;
      ns[first][p] = b[first].pass();
      ns[1 - first][p] = b[1 - first].pass();
      ratio[p] = ns[0][p] / ns[1][p];
    }
    for (int k = 0; k < 2; k++) {
      double[] q = quartiles(ns[k]);
      System.out.printf("%s %s: %.2f µs per sentence (p25 %.2f, p75 %.2f), %,.0f sentences/s%n",
          k == 0 ? "A" : "B", b[k].jar(), q[1] / 1e3, q[0] / 1e3, q[2] / 1e3, 1e9 / q[1]);
    }
    double[] r = quartiles(ratio);
    System.out.printf("A/B per pair: median %.3f (p25 %.3f, p75 %.3f) over %d pairs of %d"
        + " sentences%n", r[1], r[0], r[2], pairs, b[0].texts().size());
  }

  /** p25, median and p75, read off a sorted copy as the index of each quarter. */
  static double[] quartiles(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return new double[] {s[n / 4], s[n / 2], s[3 * n / 4]};
  }
}

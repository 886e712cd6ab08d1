package org.qinglang.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's CPU went: the CPU time of every thread of this JVM over the run, summed by what
 * the thread does (the Flink task it runs, the source's fetcher, the rest), and the JVM's own
 * threads (garbage collector, JIT compilers) as the remainder of the process's CPU time.
 *
 * <p>Why CPU time and not a profiler's samples: on two cores with a dozen runnable task
 * threads, a sampling profiler visits only some threads per tick, so its per-thread shares are
 * not shares of the CPU (an early profile of this job put one detector at a third of the time
 * on that reading, three times its measured cost). Thread CPU time is exact per thread and
 * barely disturbed by other processes on the machine.
 *
 * <p>Threads are read every {@link #PERIOD_MILLIS}; a thread that ends between two reads loses
 * at most that much of its time, which the remainder row then carries.
 */
final class CpuAccount implements AutoCloseable {
  static final long PERIOD_MILLIS = 100;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, Long> before = new HashMap<>();
  private final Map<Long, Long> latest = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final long processBefore;
  private final long gcMillisBefore;
  private final long jitMillisBefore;
  private final long wallBefore = System.nanoTime();
  private final Thread sampler;
  private volatile boolean stop;
  private long processCpu;
  private long gcMillis;
  private long jitMillis;
  private long wall;

  CpuAccount() {
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        before.put(id, cpu);
      }
    }
    processBefore = os.getProcessCpuTime();
    gcMillisBefore = gcMillis();
    jitMillisBefore = jitMillis();
    sampler = new Thread(this::loop, "cpu-account");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void loop() {
    while (!stop) {
      read();
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void read() {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (cpu < 0 || infos[i] == null) {
        continue;
      }
      latest.put(ids[i], cpu);
      names.put(ids[i], infos[i].getThreadName());
    }
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime() : 0;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    sampler.interrupt();
    sampler.join();
    read();
    processCpu = os.getProcessCpuTime() - processBefore;
    gcMillis = gcMillis() - gcMillisBefore;
    jitMillis = jitMillis() - jitMillisBefore;
    wall = System.nanoTime() - wallBefore;
  }

  /** What a thread does, from its name: a Flink task's name without its subtask suffix. */
  static String role(String thread) {
    if (thread.startsWith("Source Data Fetcher")) {
      return "source: read and parse (fetcher thread)";
    }
    if (thread.startsWith("Source: ")) {
      return "source: split, event time, routing, bundling, serialising";
    }
    String head = thread.split(" -> ", 2)[0];
    head = head.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "");
    if (head.matches(".*[-#]\\d+$") || head.startsWith("flink-") || head.startsWith("pool-")) {
      return "engine services (RPC, timers, I/O)";
    }
    return head.length() > 90 ? head.substring(0, 87) + "..." : head;
  }

  /**
   * Seconds of CPU by role, µs per event of the file and share of the process, the biggest
   * first, then the JVM's own threads and the total.
   */
  synchronized List<String[]> rows(long events) {
    Map<String, Long> byRole = new TreeMap<>();
    long javaThreads = 0;
    for (Map.Entry<Long, Long> e : latest.entrySet()) {
      long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (used <= 0) {
        continue;
      }
      javaThreads += used;
      byRole.merge(role(names.get(e.getKey())), used, Long::sum);
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(byRole.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    List<String[]> rows = new ArrayList<>();
    long small = 0;
    int smallCount = 0;
    for (Map.Entry<String, Long> e : sorted) {
      // Below half a percent a row is noise (a flusher, a timer): summed in one line.
      if (e.getValue() * 200 < processCpu) {
        small += e.getValue();
        smallCount++;
      } else {
        rows.add(row(e.getKey(), e.getValue(), events));
      }
    }
    if (smallCount > 0) {
      rows.add(row("other threads (" + smallCount + ")", small, events));
    }
    // The JVM's own threads are not Java threads: their CPU is the process's less the above.
    // The JIT's reported compile time is summed over its threads' elapsed time, not CPU, so it
    // is given beside the row rather than subtracted from it.
    rows.add(row("JVM's own threads: JIT compilers and garbage collector (process less the"
        + " above; the JIT reports " + String.format("%.1f", jitMillis / 1e3) + " s of"
        + " compilation, collector pauses stopped the tasks for "
        + String.format("%.1f", gcMillis / 1e3) + " s)", Math.max(0, processCpu - javaThreads),
        events));
    rows.add(row("**process total** (" + String.format("%.1f", wall / 1e9) + " s wall: "
        + String.format("%.2f", processCpu / (double) wall) + " cores busy)", processCpu, events));
    return rows;
  }

  private String[] row(String what, long nanos, long events) {
    return new String[] {what, String.format("%.1f", nanos / 1e9),
        String.format("%.2f", nanos / 1e3 / Math.max(1, events)),
        String.format("%.0f%%", 100.0 * nanos / Math.max(1, processCpu))};
  }
}

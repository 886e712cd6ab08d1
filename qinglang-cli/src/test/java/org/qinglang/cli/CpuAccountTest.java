package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuAccountTest {

  @Test
  void aTaskThreadIsNamedByItsTaskWithoutSubtaskOrChain() {
    assertThat(CpuAccount.role("global lockstep_group detectors [lockstep_group] (1/1)#0"))
        .isEqualTo("global lockstep_group detectors [lockstep_group]");
    assertThat(CpuAccount.role("room detectors [bot_audience] -> Sink: x (2/2)#3"))
        .isEqualTo("room detectors [bot_audience]");
    assertThat(CpuAccount.role("Source Data Fetcher for Source: events -> split (1/1)#0"))
        .startsWith("source: read and parse");
    assertThat(CpuAccount.role("Source: events -> split bad lines -> orders (1/1)#0"))
        .startsWith("source: split");
    assertThat(CpuAccount.role("flink-pekko.actor.default-dispatcher-7"))
        .isEqualTo(CpuAccount.role("pool-3-thread-1"));
  }

  @Test
  void aBusyThreadIsChargedItsCpuAndTheTotalCoversIt() throws Exception {
    CpuAccount account = new CpuAccount();
    Thread busy = new Thread(() -> {
      // 300 ms of this thread's own CPU, however loaded the machine, then idle long enough
      // for the account to read its final figure.
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long x = 0;
      while (mx.getCurrentThreadCpuTime() < 300_000_000L) {
        x += Long.numberOfTrailingZeros(x + 1);
      }
      try {
        Thread.sleep(3 * CpuAccount.PERIOD_MILLIS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (x == 42) {
        System.out.print("");
      }
    }, "busy detectors [spin] (1/1)#0");
    busy.start();
    busy.join();
    // The thread has ended: what it used was read before it did.
    account.close();
    List<String[]> rows = account.rows(1_000_000);
    String[] spin = rows.stream().filter(r -> r[0].equals("busy detectors [spin]")).findFirst()
        .orElseThrow();
    double seconds = Double.parseDouble(spin[1]);
    assertThat(seconds).isBetween(0.3, 0.45);
    // µs per event of the "file": CPU seconds over a million events (the seconds column is
    // rounded to a tenth).
    assertThat(Double.parseDouble(spin[2])).isCloseTo(seconds,
        org.assertj.core.data.Offset.offset(0.051));
    String[] total = rows.get(rows.size() - 1);
    assertThat(total[0]).startsWith("**process total**");
    assertThat(Double.parseDouble(total[1])).isGreaterThanOrEqualTo(seconds);
  }
}

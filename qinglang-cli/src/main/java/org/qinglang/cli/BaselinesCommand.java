package org.qinglang.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.qinglang.detectors.order.AfterSalesBaselines;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang baselines}: learn the normal after-sale shares from past events. */
@Command(name = "baselines", mixinStandardHelpOptions = true,
    description = {"Learn normal after-sale (cancellation and refund) shares from history.", "",
        "Reads past events (orders, cancellations, refunds, products, room_end) and writes, per",
        "platform and category and per merchant and category with 3 or more shows, the share of",
        "orders undone after the show. Shows whose share is itself an outlier are left out.",
        "post_show_cancellation then holds a room against its own kind of goods:",
        "  qinglang analyze --aftersales-baselines FILE ...",
        "The history should reach 7 days (the return window) past its last show."})
public final class BaselinesCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Past events, .jsonl or .jsonl.gz (repeatable).")
  List<Path> inputs;

  @Option(names = "--out", required = true, description = "Where to write the table (CSV).")
  Path out;

  @Override
  public Integer call() throws Exception {
    AfterSalesBaselines.Learner learner = new AfterSalesBaselines.Learner();
    long[] bad = new long[1];
    for (Path in : inputs) {
      try (JsonlEventReader r = JsonlEventReader.open(in, (line, why, raw) -> {
        if (bad[0]++ < 5) {
          System.err.println(in + ":" + line + ": set aside: " + why);
        }
      })) {
        Event e;
        while ((e = r.next()) != null) {
          learner.accept(e);
        }
      }
    }
    String source = inputs.stream().map(p -> p.getFileName().toString())
        .collect(Collectors.joining(";"));
    AfterSalesBaselines table = learner.result(source);
    table.write(out);
    System.out.println(table.rows().size() + " baselines written to " + out
        + (bad[0] > 0 ? " (" + bad[0] + " bad lines set aside)" : ""));
    for (AfterSalesBaselines.Row row : table.rows()) {
      System.out.printf(java.util.Locale.ROOT, "  %s %s %s: %.1f%% of %d orders in %d shows%s%n",
          row.platform(), row.merchant() == null ? "*" : row.merchant(), row.category(),
          100 * row.share(), row.orders(), row.rooms(),
          row.roomsLeftOut() > 0 ? ", " + row.roomsLeftOut() + " outlier shows left out" : "");
    }
    return 0;
  }
}

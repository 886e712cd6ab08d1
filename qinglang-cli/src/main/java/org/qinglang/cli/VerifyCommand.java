package org.qinglang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qinglang.server.cases.EvidenceVerifier;
import org.qinglang.server.ledger.LedgerVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qinglang verify}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check the evidence ledger, or an exported evidence package.", "",
        "Recomputes the hash chain and Merkle checkpoints of the ledger and names the first",
        "record that was changed, deleted or reordered. With a .zip argument, checks an",
        "evidence package against its manifest, offline. Exit 0 when intact, 1 when not.",
        "Stop the server first when verifying its embedded database."})
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", description = "An evidence package (.zip) to check instead of the ledger.")
  Path zip;

  @Option(names = "--data", defaultValue = "data", description = "Data directory of the embedded PostgreSQL (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--jdbc-url", description = "Verify the ledger of an external PostgreSQL.")
  String jdbcUrl;

  @Override
  public Integer call() throws Exception {
    if (zip != null) {
      EvidenceVerifier.Result v = EvidenceVerifier.verify(zip);
      System.out.println(v.ok() ? "evidence package intact: " + zip : "evidence package BROKEN: " + zip);
      v.problems().forEach(p -> System.out.println("  " + p));
      // the one thing no offline check can vouch for: compare it with a root the server published
      System.out.println("ledger root " + v.root() + " at tree size " + v.treeSize()
          + " (compare with GET /api/ledger/root or a published checkpoint)");
      return v.ok() ? 0 : 1;
    }
    LedgerVerifier.Report r;
    try {
      r = jdbcUrl != null ? LedgerVerifier.verifyJdbc(jdbcUrl) : LedgerVerifier.verifyEmbedded(data);
    } catch (IllegalArgumentException e) {
      System.err.println("qinglang verify: " + e.getMessage());
      return 2;
    }
    System.out.println(r.summary());
    return r.ok() ? 0 : 1;
  }
}

package org.qinglang.server;

import org.qinglang.server.auth.AuditLog;
import org.qinglang.server.auth.Users;
import org.qinglang.server.cases.Cases;
import org.qinglang.server.cases.EvidencePackage;
import org.qinglang.server.credit.Credit;
import org.qinglang.server.ingest.AlertStore;
import org.qinglang.server.ingest.EventIngest;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.Retention;
import org.qinglang.server.negative.NegativeList;
import org.qinglang.server.registry.Registry;
import org.qinglang.server.store.Sql;
import org.qinglang.server.store.Queries;

/** The domain objects of one server, wired once over one database. */
public record Services(java.time.Clock clock, Sql sql, Ledger ledger, Retention retention, EventIngest events,
    AlertStore alerts, Queries queries, Registry registry, NegativeList negative, Cases cases,
    EvidencePackage evidence, Credit credit, Users users, AuditLog audit) {

  public static Services over(Sql sql, ServerConfig cfg) {
    java.time.Clock clock = cfg.clock();
    Registry registry = new Registry(sql, clock);
    NegativeList negative = new NegativeList(sql, clock);
    Ledger ledger = new Ledger(sql, clock);
    Queries queries = new Queries(sql);
    Cases cases = new Cases(sql, ledger, queries, clock);
    return new Services(clock, sql, ledger, new Retention(sql, cfg.retention()),
        new EventIngest(sql, registry, negative, clock), new AlertStore(sql, clock), queries,
        registry, negative, cases, new EvidencePackage(sql, cases, queries), new Credit(sql),
        new Users(sql, clock), new AuditLog(sql, clock));
  }

  /** The server's "now" in ms since the epoch, from its configured clock. */
  public long now() {
    return clock.millis();
  }
}

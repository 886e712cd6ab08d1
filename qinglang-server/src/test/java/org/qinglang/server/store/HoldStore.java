package org.qinglang.server.store;

import java.nio.file.Path;

/** Opens an embedded store and waits: a server for StoreTest to kill with SIGKILL. */
public final class HoldStore {
  private HoldStore() {}

  public static void main(String[] args) throws Exception {
    Store s = Store.embedded(Path.of(args[0]));
    new Sql(s.dataSource()).update("insert into audit (at, actor, action, target, status) values"
        + " (1, 'before-kill', 'y', null, 200)");
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

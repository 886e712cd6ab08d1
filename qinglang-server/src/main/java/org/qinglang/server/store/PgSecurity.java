package org.qinglang.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.qinglang.server.auth.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's lock-down: its generated password, its client authentication
 * file, and recovery from a server that was killed (a postmaster still running, or a pid file
 * naming a dead process).
 */
final class PgSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(PgSecurity.class);
  static final String HBA = """
      # Written by Qinglang at every start: every connection needs the password (SCRAM),
      # over the Unix socket or loopback TCP only.
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  private PgSecurity() {}

  static Path secretFile(Path pgDir) {
    return pgDir.toAbsolutePath().resolveSibling(pgDir.getFileName() + "-password");
  }

  /** The database password, made on first use and readable by the owner only. */
  static String secret(Path pgDir) throws IOException {
    Path f = secretFile(pgDir);
    if (Files.exists(f)) {
      return Files.readString(f, StandardCharsets.UTF_8).trim();
    }
    String s = Passwords.randomSecret();
    Path tmp = Files.createTempFile(f.getParent(), ".pg-password", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, s + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return s;
  }

  static void writeHba(Path pgDir) {
    try {
      Files.writeString(pgDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A data directory made before the lock-down (trust authentication, no password set). */
  static boolean trustsLocalUsers(Path pgDir) throws IOException {
    Path hba = pgDir.resolve("pg_hba.conf");
    return Files.exists(hba) && Files.readAllLines(hba).stream()
        .map(String::trim).filter(l -> !l.startsWith("#") && !l.isEmpty())
        .anyMatch(l -> l.matches(".*\\btrust\\s*$"));
  }

  /**
   * Upgrades an old data directory: starts it once as it is (trust), gives the superuser the
   * secret, and stops it; the next start writes the SCRAM-only pg_hba.conf.
   */
  static void setPasswordUnderTrust(Path pgDir, String secret) throws IOException {
    LOG.info("setting a password on the embedded PostgreSQL in {} (was trust)", pgDir);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir)
        .setCleanDataDirectory(false).setServerConfig("listen_addresses", "127.0.0.1").start();
        var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
      st.execute("set password_encryption = 'scram-sha-256'");
      // a literal, not a parameter: ALTER ROLE takes none; the secret is hex from our own RNG
      if (!secret.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalStateException("unexpected characters in the database secret");
      }
      st.execute("alter role postgres password '" + secret + "'");
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot set the database password", e);
    }
    writeHba(pgDir);
  }

  /**
   * After a kill -9 of the server, its postmaster may still run (an orphan holding the data
   * directory and port) or have died leaving postmaster.pid behind. Stop the orphan (fast
   * shutdown, so its data is flushed) or remove a pid file that names no postgres process.
   */
  static void clearStalePostmaster(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    long pid;
    try {
      pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
    } catch (NumberFormatException e) {
      Files.deleteIfExists(pidFile);
      return;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    boolean ours = p.isPresent() && p.get().isAlive() && isPostgresOf(pid, pgDir);
    if (!ours) {
      LOG.info("removing stale {} (process {} is not running it)", pidFile, pid);
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn("a postmaster (pid {}) left by a previous server still holds {}: stopping it", pid,
        pgDir);
    try {
      // SIGINT is PostgreSQL's fast shutdown; ProcessHandle sends only TERM or KILL
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start()
          .waitFor(10, TimeUnit.SECONDS);
      p.get().onExit().get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("the postmaster " + pid + " of " + pgDir + " did not stop", e);
    }
  }

  private static boolean isPostgresOf(long pid, Path pgDir) {
    try {
      String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
      return cmd.contains("postgres") && cmd.contains(pgDir.toAbsolutePath().toString());
    } catch (IOException e) {
      return false;
    }
  }
}

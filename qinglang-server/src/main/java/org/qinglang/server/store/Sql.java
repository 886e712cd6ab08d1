package org.qinglang.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Just enough JDBC: parameter binding, row mapping, transactions. SQL exceptions become
 * {@link StoreException} so the domain classes need no checked-exception plumbing.
 */
public final class Sql {
  private final DataSource ds;

  public Sql(DataSource ds) {
    this.ds = ds;
  }

  public DataSource dataSource() {
    return ds;
  }

  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  public interface TxBody<T> {
    T run(Connection c) throws SQLException;
  }

  public <T> T tx(TxBody<T> body) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T out = body.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  public <T> List<T> list(String sql, RowMapper<T> m, Object... params) {
    try (Connection c = ds.getConnection()) {
      return list(c, sql, m, params);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  public <T> T one(String sql, RowMapper<T> m, Object... params) {
    List<T> l = list(sql, m, params);
    return l.isEmpty() ? null : l.get(0);
  }

  /** The first column of the first row as a long (0 when there is no row or it is null). */
  public long scalar(String sql, Object... params) {
    Long v = one(sql, rs -> rs.getLong(1), params);
    return v == null ? 0 : v;
  }

  public int update(String sql, Object... params) {
    try (Connection c = ds.getConnection()) {
      return update(c, sql, params);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs an insert and returns the generated {@code id} column. */
  public static long insertId(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong("id");
      }
    }
  }

  public long insertId(String sql, Object... params) {
    return tx(c -> insertId(c, sql, params));
  }

  public static <T> List<T> list(Connection c, String sql, RowMapper<T> m, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(m.map(rs));
        }
        return out;
      }
    }
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  public static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Json j) {
        ps.setObject(i + 1, j.text(), java.sql.Types.OTHER);
      } else if (p instanceof String[] arr) {
        ps.setArray(i + 1, ps.getConnection().createArrayOf("text", arr));
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  /** A JSON text to bind to a jsonb parameter. */
  public record Json(String text) {}

  /** A row as an ordered map of column label to value (jsonb columns come back as Jackson trees). */
  public static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    var md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Object v = rs.getObject(i);
      if (v instanceof org.postgresql.util.PGobject pg) {
        v = "jsonb".equals(pg.getType()) || "json".equals(pg.getType())
            ? readTree(pg.getValue()) : pg.getValue();
      }
      m.put(md.getColumnLabel(i), v);
    }
    return m;
  }

  private static Object readTree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return org.qinglang.io.Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

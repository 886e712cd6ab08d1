package org.qinglang.server.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the exact byte layout a ledger record's hash is computed over. */
public final class Hashes {
  public static final byte[] ZERO = new byte[32];
  private static final byte[] DOMAIN = "QL-LEDGER-1".getBytes(StandardCharsets.US_ASCII);

  private Hashes() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  /**
   * The record hash binds every field: seq, class, ref, time, the payload's hash (not the
   * payload, so a record whose payload expired stays verifiable) and the previous record's
   * hash. Strings are length-prefixed so no two field splits give the same bytes.
   */
  public static byte[] record(long seq, String cls, String ref, long createdAt, byte[] payloadHash,
      byte[] prevHash) {
    MessageDigest md = sha256();
    md.update(DOMAIN);
    md.update(ByteBuffer.allocate(8).putLong(seq).array());
    str(md, cls);
    str(md, ref);
    md.update(ByteBuffer.allocate(8).putLong(createdAt).array());
    md.update(payloadHash);
    md.update(prevHash);
    return md.digest();
  }

  private static void str(MessageDigest md, String s) {
    if (s == null) {
      md.update(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
  }

  public static String hex(byte[] b) {
    return b == null ? null : HexFormat.of().formatHex(b);
  }

  public static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }
}

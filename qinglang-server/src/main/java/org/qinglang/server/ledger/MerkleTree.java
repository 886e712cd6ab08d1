package org.qinglang.server.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Merkle tree over ledger record hashes, shaped as in RFC 6962 / 9162 (Certificate
 * Transparency): leaves and inner nodes are hashed with different prefixes so a leaf can never
 * pass for a node, and an unbalanced tree splits at the largest power of two. That shape lets
 * anyone check an inclusion proof with a dozen lines of code and no knowledge of our schema.
 */
public final class MerkleTree {
  private MerkleTree() {}

  public static byte[] leafHash(byte[] data) {
    MessageDigest md = Hashes.sha256();
    md.update((byte) 0);
    md.update(data);
    return md.digest();
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = Hashes.sha256();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** Root over the given record hashes (leaf data, in order). The empty tree hashes "". */
  public static byte[] root(List<byte[]> records) {
    if (records.isEmpty()) {
      return Hashes.sha256(new byte[0]);
    }
    byte[][] level = new byte[records.size()][];
    for (int i = 0; i < level.length; i++) {
      level[i] = leafHash(records.get(i));
    }
    return rootOf(level, 0, level.length);
  }

  private static byte[] rootOf(byte[][] leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves[from];
    }
    int k = split(n);
    return nodeHash(rootOf(leaves, from, from + k), rootOf(leaves, from + k, to));
  }

  /** Largest power of two strictly below n (n >= 2). */
  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  /** Audit path for leaf {@code index} (0-based) in the tree over {@code records}. */
  public static List<byte[]> proof(List<byte[]> records, int index) {
    if (index < 0 || index >= records.size()) {
      throw new IllegalArgumentException("leaf " + index + " not in a tree of " + records.size());
    }
    byte[][] leaves = new byte[records.size()][];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = leafHash(records.get(i));
    }
    List<byte[]> path = new ArrayList<>();
    path(leaves, 0, leaves.length, index, path);
    return path;
  }

  private static void path(byte[][] leaves, int from, int to, int index, List<byte[]> out) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = split(n);
    if (index < k) {
      path(leaves, from, from + k, index, out);
      out.add(rootOf(leaves, from + k, to));
    } else {
      path(leaves, from + k, to, index - k, out);
      out.add(rootOf(leaves, from, from + k));
    }
  }

  /**
   * Checks that {@code record} is leaf {@code index} of a tree of {@code size} leaves with the
   * given root (RFC 9162, 2.1.3.2).
   */
  public static boolean verify(byte[] record, long index, long size, List<byte[]> path,
      byte[] root) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash(record);
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }
}

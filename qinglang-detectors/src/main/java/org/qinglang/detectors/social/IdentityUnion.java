package org.qinglang.detectors.social;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Which accounts belong to one person: accounts that share an {@code id_hash}, a
 * {@code phone_hash} or a {@code device} (from {@code account} events) are merged, so a
 * scheme counts people, not accounts.
 *
 * <p>Union-find with path compression; each person keeps the list of its accounts (smaller
 * list moved into the larger, so an account moves O(log n) times). The identity index is
 * bounded by {@link #MAX_IDENTITIES}: past it, identities of accounts the caller does not
 * insist on are no longer indexed (see {@link #identify}).
 */
final class IdentityUnion implements Serializable {
  static final int MAX_IDENTITIES = 3_000_000;
  /**
   * An identity shared by more accounts than this (a phone farm's or an emulator's default
   * device, a shop's counter terminal) stops linking: it says nothing about who is who, and
   * merging on it would fold strangers into one person and flatten a scheme.
   */
  static final int MAX_SHARED = 6;
  private static final int PREFIX = 8;

  private final HashMap<String, String> parent = new HashMap<>();
  private final HashMap<String, ArrayList<String>> accounts = new HashMap<>();
  /** identity key ("id_hash:…", "phone_hash:…", "device:…") -> first account that had it. */
  private final HashMap<String, String> owner = new HashMap<>();
  /** identity key -> accounts seen holding it, once it has a second holder. */
  private final HashMap<String, Integer> holders = new HashMap<>();
  /** account -> how it was linked to its person ("phone_hash:ab12cd34"), for evidence. */
  private final HashMap<String, String> linkedBy = new HashMap<>();

  /** The person (representative account) of {@code account}; itself when never linked. */
  String find(String account) {
    String root = account;
    String up = parent.get(root);
    while (up != null) {
      root = up;
      up = parent.get(root);
    }
    // Path compression: point every account on the way straight at the root.
    String cur = account;
    while (!cur.equals(root)) {
      String next = parent.get(cur);
      parent.put(cur, root);
      cur = next;
    }
    return root;
  }

  /** The accounts of the person whose representative is {@code root}. */
  List<String> accountsOf(String root) {
    ArrayList<String> list = accounts.get(root);
    return list == null ? List.of(root) : list;
  }

  /** How {@code account} was linked to the other accounts of its person, or null. */
  String linkedBy(String account) {
    return linkedBy.get(account);
  }

  /**
   * Records the identities of {@code account} and merges it with every account that shares
   * one. {@code always} indexes even past the bound (accounts already in the forest).
   *
   * @return true when two persons were merged
   */
  boolean identify(String account, String idHash, String phoneHash, String device,
      boolean always) {
    boolean merged = false;
    merged |= link(account, "id_hash", idHash, always);
    merged |= link(account, "phone_hash", phoneHash, always);
    merged |= link(account, "device", device, always);
    return merged;
  }

  private boolean link(String account, String kind, String value, boolean always) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    String key = kind + ":" + value;
    String first = owner.get(key);
    if (first == null) {
      if (always || owner.size() < MAX_IDENTITIES) {
        owner.put(key, account);
      }
      return false;
    }
    if (first.equals(account)) {
      return false;
    }
    int n = holders.merge(key, 2, (a, b) -> a + 1);
    if (n > MAX_SHARED) {
      return false;
    }
    boolean merged = union(first, account);
    if (merged) {
      String why = kind + ":" + value.substring(0, Math.min(PREFIX, value.length()));
      linkedBy.putIfAbsent(account, why);
      linkedBy.putIfAbsent(first, why);
    }
    return merged;
  }

  private boolean union(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (ra.equals(rb)) {
      return false;
    }
    ArrayList<String> la = accounts.computeIfAbsent(ra, IdentityUnion::single);
    ArrayList<String> lb = accounts.computeIfAbsent(rb, IdentityUnion::single);
    if (la.size() < lb.size()) {
      String t = ra;
      ra = rb;
      rb = t;
      ArrayList<String> tl = la;
      la = lb;
      lb = tl;
    }
    parent.put(rb, ra);
    la.addAll(lb);
    accounts.remove(rb);
    return true;
  }

  private static ArrayList<String> single(String account) {
    ArrayList<String> l = new ArrayList<>(2);
    l.add(account);
    return l;
  }

  int indexedIdentities() {
    return owner.size();
  }
}

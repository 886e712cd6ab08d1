package org.qinglang.sim;

/**
 * A simulated account and the hashed identities behind it. Several accounts may share an
 * {@code address} or {@code payment} (a household) or an {@code ip} (a NAT).
 */
public final class Account {
  public final String user;
  public final long created;
  public final String idHash;
  public final String phoneHash;
  public String device;
  public String ip;
  public String address;
  public String payment;

  public Account(String user, long created, String idHash, String phoneHash, String device,
      String ip, String address, String payment) {
    this.user = user;
    this.created = created;
    this.idHash = idHash;
    this.phoneHash = phoneHash;
    this.device = device;
    this.ip = ip;
    this.address = address;
    this.payment = payment;
  }
}

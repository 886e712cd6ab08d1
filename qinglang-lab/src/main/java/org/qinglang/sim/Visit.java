package org.qinglang.sim;

/** One stay of an account in a room. {@code leave} is the time the leave event is sent. */
public record Visit(Account account, long join, long leave, String via, String ip,
    String device) {}

package org.qinglang.io;

import static org.qinglang.io.Json.num;
import static org.qinglang.io.Json.str;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/** Writes events in the contract's wire format: the inverse of {@link EventParser}. */
public final class EventJson {
  private EventJson() {}

  public static String toLine(Event e) {
    return Json.line(g -> write(g, e));
  }

  public static void write(JsonGenerator g, Event e) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", e.type().wire());
    g.writeNumberField("ts", e.ts());
    g.writeStringField("platform", e.platform());
    if (e instanceof AccountEvent a) {
      str(g, "user", a.user());
      g.writeNumberField("created", a.created());
      str(g, "id_hash", a.idHash());
      str(g, "phone_hash", a.phoneHash());
      str(g, "device", a.device());
    } else if (e instanceof RoomStart r) {
      str(g, "room", r.room());
      str(g, "anchor", r.anchor());
      str(g, "title", r.title());
      str(g, "merchant", r.merchant());
      str(g, "mcn", r.mcn());
      if (r.virtualAnchor() != null) {
        g.writeBooleanField("virtual_anchor", r.virtualAnchor());
      }
      str(g, "venue", r.venue());
    } else if (e instanceof RoomEnd r) {
      str(g, "room", r.room());
    } else if (e instanceof ViewerJoin j) {
      str(g, "room", j.room());
      str(g, "user", j.user());
      str(g, "device", j.device());
      str(g, "ip", j.ip());
      str(g, "via", j.via());
    } else if (e instanceof ViewerLeave l) {
      str(g, "room", l.room());
      str(g, "user", l.user());
    } else if (e instanceof ViewerCount c) {
      str(g, "room", c.room());
      g.writeNumberField("online", c.online());
      num(g, "total", c.total());
    } else if (e instanceof Comment c) {
      str(g, "room", c.room());
      str(g, "user", c.user());
      str(g, "text", c.text());
      str(g, "device", c.device());
      str(g, "ip", c.ip());
    } else if (e instanceof Like l) {
      str(g, "room", l.room());
      str(g, "user", l.user());
      g.writeNumberField("count", l.count());
    } else if (e instanceof Gift x) {
      str(g, "room", x.room());
      str(g, "user", x.user());
      g.writeNumberField("value", x.value());
    } else if (e instanceof Follow f) {
      str(g, "room", f.room());
      str(g, "user", f.user());
    } else if (e instanceof Speech s) {
      str(g, "room", s.room());
      str(g, "text", s.text());
      num(g, "end_ts", s.endTs());
    } else if (e instanceof Product p) {
      str(g, "room", p.room());
      str(g, "sku", p.sku());
      str(g, "title", p.title());
      g.writeNumberField("price", p.price());
      num(g, "list_price", p.listPrice());
      str(g, "brand", p.brand());
      str(g, "category", p.category());
      num(g, "claimed_sales", p.claimedSales());
      str(g, "merchant", p.merchant());
    } else if (e instanceof Order o) {
      str(g, "room", o.room());
      str(g, "user", o.user());
      str(g, "order", o.order());
      str(g, "sku", o.sku());
      g.writeNumberField("qty", o.qty());
      g.writeNumberField("amount", o.amount());
      str(g, "device", o.device());
      str(g, "ip", o.ip());
      str(g, "address", o.address());
      str(g, "payment", o.payment());
    } else if (e instanceof OrderCancel c) {
      str(g, "order", c.order());
      str(g, "room", c.room());
      str(g, "user", c.user());
    } else if (e instanceof Refund r) {
      str(g, "order", r.order());
      g.writeNumberField("amount", r.amount());
      str(g, "room", r.room());
      str(g, "reason", r.reason());
    } else if (e instanceof Referral r) {
      str(g, "user", r.user());
      str(g, "referrer", r.referrer());
      num(g, "fee", r.fee());
    } else if (e instanceof Commission c) {
      str(g, "user", c.user());
      str(g, "source", c.source());
      g.writeNumberField("amount", c.amount());
    } else if (e instanceof Sanction s) {
      str(g, "user", s.user());
      str(g, "scope", s.scope());
      num(g, "until", s.until());
      str(g, "reason", s.reason());
    }
    g.writeEndObject();
  }
}

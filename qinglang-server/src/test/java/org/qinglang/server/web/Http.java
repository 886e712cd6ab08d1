package org.qinglang.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.qinglang.io.Json;

/** A tiny HTTP client for API tests. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final String base;

  public Http(String base) {
    this.base = base;
  }

  public record Resp(int status, String body, byte[] bytes,
      java.net.http.HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Resp get(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  public Resp post(String path, String token, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)), token);
  }

  private Resp send(HttpRequest.Builder b, String token) throws Exception {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Resp(r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8),
        r.body(), r.headers());
  }

  public String login(String name, String password) throws Exception {
    Resp r = post("/api/login", null, "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r.status() + " " + r.body());
    }
    return r.json().get("token").asText();
  }
}

package dev.countersign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A plain HTTP client for tests that drive the app the way a user's tools would. */
public final class TestHttp {

  public record Response(int status, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + body, e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final String base;

  public TestHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String user) {
    return send(request(path, user).GET());
  }

  public Response post(String path, String user, String jsonBody) {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  public Response post(String path, String user, String contentType, String body) {
    return send(request(path, user).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Response put(String path, String user, String jsonBody) {
    return send(request(path, user).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  /** A login form post as the webapps send it, with the CSRF cookie and token the page handed out. */
  public Response form(String path, String body, List<String> setCookies) {
    HttpRequest.Builder request = request(path, null).header("Content-Type", "application/x-www-form-urlencoded");
    List<String> cookies = new ArrayList<>();
    for (String cookie : setCookies) {
      String pair = cookie.split(";", 2)[0];
      cookies.add(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        request.header("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
      }
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", String.join("; ", cookies));
    }
    return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The multipart upload Camunda Modeler sends to /engine-rest/deployment/create. */
  public Response deploy(String fileName, String content, String user) {
    String boundary = "countersign-" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + fileName + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n"
        + "--" + boundary + "--\r\n";
    return send(request("/engine-rest/deployment/create", user)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /**
   * Logs {@code user} in to the Tasklist by its login form and returns the session as the
   * Tasklist's own pages hold it: the session cookie, and the CSRF token sent back on writes. With
   * no user, the session of a stranger who only opened a page.
   */
  public WebappSession webapp(String user) {
    WebappSession session = new WebappSession();
    session.keep(get("/camunda/app/tasklist/default/", null));
    if (user == null) {
      return session;
    }
    Response login = session.keep(send(session.request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user))));
    if (login.status() != 200) {
      throw new AssertionError("Login of " + user + " answered " + login.status() + ": " + login.body());
    }
    // The CSRF token belongs to the session, and logging in starts a new one.
    session.keep(send(session.request("/camunda/app/tasklist/default/").GET()));
    return session;
  }

  /** Cookies and the CSRF token of one webapp login; see {@link #webapp}. */
  public final class WebappSession {

    private final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();

    public Response post(String path, String jsonBody) {
      return keep(send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody))));
    }

    public Response get(String path) {
      return keep(send(request(path).GET()));
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
      if (!cookies.isEmpty()) {
        builder.header("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
            .toList()));
      }
      if (cookies.containsKey("XSRF-TOKEN")) {
        builder.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      return builder;
    }

    private Response keep(Response response) {
      for (String cookie : response.raw().headers().allValues("Set-Cookie")) {
        String[] pair = cookie.split(";", 2)[0].split("=", 2);
        cookies.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
      return response;
    }
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (user != null) {
      // Demo users' password equals their user name.
      String credentials = user.contains(":") ? user : user + ":" + user;
      builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.idloomsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ApiGatewayEventsTest {

    private static final String V2_EVENT = """
            {
              "version": "2.0",
              "routeKey": "POST /idloom/{shortcode}/create",
              "rawPath": "/idloom/acme24/create",
              "rawQueryString": "secret=s3cr3t&x=1",
              "headers": {"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.9", "user-agent": "idloom"},
              "queryStringParameters": {"secret": "s3cr3t", "x": "1"},
              "pathParameters": {"shortcode": "acme24"},
              "requestContext": {
                "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
                "stage": "$default",
                "http": {"method": "post", "path": "/idloom/acme24/create", "sourceIp": "203.0.113.9"}
              },
              "body": "%s",
              "isBase64Encoded": %s
            }
            """;

    private static ApiRequest v2(String body, boolean base64) throws IOException {
        return ApiGatewayEvents.read(Json.read(V2_EVENT.formatted(body, base64)));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void readsAnHttpApiEvent() throws IOException {
        String attendee = "{\"uid\":\"u1\",\"event_uid\":\"ev1\",\"firstname\":\"Zoë\"}";

        ApiRequest request = v2(base64(attendee.getBytes(StandardCharsets.UTF_8)), true);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/idloom/acme24/create");
        assertThat(request.pathParameter("shortcode")).isEqualTo("acme24");
        assertThat(request.queryParameter("secret")).isEqualTo("s3cr3t");
        assertThat(request.headers()).containsKeys("content-type", "x-forwarded-for", "user-agent")
                .doesNotContainKey("Content-Type");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(attendee);
        assertThat(request.bodyIsUtf8()).isTrue();
        assertThat(request.sourceIp()).isEqualTo("203.0.113.9");
        assertThat(request.baseUrl()).isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com");
    }

    @Test
    void readsAPlainBody() throws IOException {
        ApiRequest request = v2("{\\\"uid\\\":\\\"u1\\\"}", false);

        assertThat(request.body()).isEqualTo("{\"uid\":\"u1\"}");
        assertThat(request.bodyIsUtf8()).isTrue();
    }

    @Test
    void flagsABodyThatIsNotUtf8() throws IOException {
        byte[] latin1 = "{\"firstname\":\"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);

        ApiRequest request = v2(base64(latin1), true);

        assertThat(request.bodyIsUtf8()).isFalse();
        assertThat(request.body()).isEqualTo("{\"firstname\":\"Zoë\"}");
    }

    @Test
    void flagsAnInvalidUtf8Sequence() throws IOException {
        byte[] bytes = {'{', '}', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};

        assertThat(v2(base64(bytes), true).bodyIsUtf8()).isFalse();
    }

    @Test
    void readsAStage() throws IOException {
        ObjectNode event = (ObjectNode) Json.read(V2_EVENT.formatted("", false));
        ((ObjectNode) event.get("requestContext")).put("stage", "prod");

        assertThat(ApiGatewayEvents.read(event).baseUrl())
                .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
    }

    @Test
    void readsAnEventWithoutBodyQueryOrHeaders() throws IOException {
        ApiRequest request = ApiGatewayEvents.read(Json.read("""
                {"version":"2.0","rawPath":"/apps/acme24","requestContext":{"http":{"method":"GET"}}}
                """));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/apps/acme24");
        assertThat(request.body()).isNull();
        assertThat(request.bodyIsUtf8()).isTrue();
        assertThat(request.query()).isEmpty();
        assertThat(request.pathParameters()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.baseUrl()).isNull();
    }

    @Test
    void readsARestApiEvent() throws IOException {
        String event = """
                {
                  "resource": "/idloom/{shortcode}/delete",
                  "path": "/idloom/acme24/delete",
                  "httpMethod": "POST",
                  "headers": {"Content-Type": "application/json; charset=utf-8"},
                  "multiValueHeaders": {"Content-Type": ["application/json; charset=utf-8"]},
                  "queryStringParameters": null,
                  "pathParameters": {"shortcode": "acme24"},
                  "requestContext": {"stage": "Prod", "domainName": "abc.execute-api.eu-west-1.amazonaws.com",
                                     "identity": {"sourceIp": "198.51.100.4"}},
                  "body": "{\\"uid\\":\\"u1\\",\\"event_uid\\":\\"ev1\\"}",
                  "isBase64Encoded": false
                }
                """;

        ApiRequest request = ApiGatewayEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/idloom/acme24/delete");
        assertThat(request.pathParameter("shortcode")).isEqualTo("acme24");
        assertThat(request.query()).isEmpty();
        assertThat(request.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.body()).isEqualTo("{\"uid\":\"u1\",\"event_uid\":\"ev1\"}");
        assertThat(request.bodyIsUtf8()).isTrue();
        assertThat(request.sourceIp()).isEqualTo("198.51.100.4");
        assertThat(request.baseUrl()).isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/Prod");
    }

    @Test
    void writesAProxyResponse() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ApiGatewayEvents.write(ApiResponse.error(422, "event 'ev9' is not linked", "link it"), out);

        JsonNode written = Json.read(out.toString(StandardCharsets.UTF_8));
        assertThat(written.get("statusCode").asInt()).isEqualTo(422);
        assertThat(written.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(written.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode body = Json.read(written.get("body").asText());
        assertThat(body.get("error").asText()).isEqualTo("event 'ev9' is not linked");
        assertThat(body.get("hint").asText()).isEqualTo("link it");
    }

    @Test
    void turnsAResponseIntoAnEvent() {
        ObjectNode event = ApiGatewayEvents.toEvent(ApiResponse.json(200, java.util.Map.of("outcome", "applied")));

        assertThat(event.get("statusCode").asInt()).isEqualTo(200);
        assertThat(event.get("body").asText()).isEqualTo("{\"outcome\":\"applied\"}");
    }
}

package dev.idloomsync.http;

import java.util.Map;

/**
 * One HTTP request as API Gateway hands it to a Lambda, reduced to what the routes use.
 * Header names are lower case; the body is already decoded from base64 when it was encoded.
 */
public record ApiRequest(String method, String path, Map<String, String> pathParameters,
                         Map<String, String> query, Map<String, String> headers, String body,
                         boolean bodyIsUtf8, String sourceIp, String baseUrl) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}

package dev.idloomsync.admin;

import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.ApiResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {
    private final Routes routes = new Routes()
            .add("GET", "/apps/{shortcode}/people/{personId}", call -> new ApiResponse(200, "get"))
            .add("DELETE", "/apps/{shortcode}/people/{personId}", call -> new ApiResponse(200, "delete"));

    @Test
    void matchesMethodAndPathWithDecodedSegments() {
        Routes.Match match = routes.match(request("GET", "/apps/acme24/people/m-1%2Bx"));

        assertThat(match.call().params()).isEqualTo(Map.of("shortcode", "acme24", "personId", "m-1+x"));
        assertThat(match.call().route()).isEqualTo("GET /apps/{shortcode}/people/{personId}");
    }

    @Test
    void aStagePrefixDoesNotMatter() {
        assertThat(routes.match(request("GET", "/prod/apps/acme24/people/m-1")).call()).isNotNull();
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        Routes.Match match = routes.match(request("POST", "/apps/acme24/people/m-1"));

        assertThat(match.call()).isNull();
        assertThat(match.allowed()).containsExactly("GET", "DELETE");
    }

    @Test
    void anUnknownPathMatchesNothing() {
        Routes.Match match = routes.match(request("GET", "/apps/acme24/nothing/here"));

        assertThat(match.call()).isNull();
        assertThat(match.allowed()).isEmpty();
    }

    @Test
    void decodesPercentEscapesAsUtf8() {
        assertThat(Routes.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(Routes.decode("100%")).isEqualTo("100%");
    }

    private static ApiRequest request(String method, String path) {
        return new ApiRequest(method, path, Map.of(), Map.of(), Map.of(), null, true, null, null);
    }
}

package dev.idloomsync.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An HTTP answer: status and a JSON body. */
public record ApiResponse(int status, String body) {

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Json.write(body));
    }

    /** The error shape of every route: what is wrong, and what to do about it. */
    public static ApiResponse error(int status, String error, String hint) {
        ObjectNode node = Json.object();
        node.put("error", error);
        if (hint != null) {
            node.put("hint", hint);
        }
        return new ApiResponse(status, Json.write(node));
    }
}

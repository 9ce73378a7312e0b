package dev.idloomsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of template.yaml that the code and the docs rely on: functions, handlers, routes and
 * least-privilege policies. cfn-lint checks the rest (see docs/deploy.md).
 */
class TemplateTest {

    private static final Map<String, String> HANDLERS = Map.of(
            "CreateWebhookFunction", "dev.idloomsync.webhooks.CreateWebhookHandler::handleRequest",
            "UpdateWebhookFunction", "dev.idloomsync.webhooks.UpdateWebhookHandler::handleRequest",
            "DeleteWebhookFunction", "dev.idloomsync.webhooks.DeleteWebhookHandler::handleRequest",
            "PendingEmailFunction", "dev.idloomsync.webhooks.PendingEmailHandler::handleRequest",
            "AdminFunction", "dev.idloomsync.admin.AdminHandler::handleRequest");

    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void readTemplate() {
        template = TemplateTables.readTemplate(TemplateTables.findTemplate());
        resources = template.path("Resources");
    }

    @Test
    void isASamTemplate() {
        assertThat(template.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(template.path("Parameters").has("SenderEmail")).isTrue();
        assertThat(template.path("Parameters").path("LogRetentionDays").path("Default").asInt()).isEqualTo(30);
    }

    @Test
    void declaresTheFiveFunctionsWithTheirHandlers() {
        Map<String, String> handlers = new LinkedHashMap<>();
        functions().forEach((id, fn) -> handlers.put(id, fn.path("Properties").path("Handler").asText()));
        assertThat(handlers).containsExactlyInAnyOrderEntriesOf(HANDLERS);
    }

    @Test
    void runsJava21WithSnapStartOnEveryFunction() {
        JsonNode globals = template.path("Globals").path("Function");
        assertThat(globals.path("Runtime").asText()).isEqualTo("java21");
        assertThat(globals.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(globals.path("AutoPublishAlias").asText()).isEqualTo("live");
        assertThat(globals.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        assertThat(globals.path("Environment").path("Variables").fieldNames())
                .toIterable().contains("TABLE_NAME", "SENDER_EMAIL", "KMS_KEY_ID", "JAVA_TOOL_OPTIONS");
        functions().forEach((id, fn) -> {
            JsonNode runtime = fn.path("Properties").path("Runtime");
            assertThat(runtime.isMissingNode() || runtime.asText().equals("java21"))
                    .as("%s runtime", id).isTrue();
        });
    }

    @Test
    void pointsEachFunctionAtItsMavenJar() {
        functions().forEach((id, fn) -> {
            String jar = id.equals("AdminFunction")
                    ? "functions/admin/target/admin-lambda.jar"
                    : "functions/webhooks/target/webhooks-lambda.jar";
            assertThat(fn.path("Properties").path("CodeUri").asText()).as("%s CodeUri", id).isEqualTo(jar);
            assertThat(fn.path("Metadata").path("SkipBuild").asBoolean()).as("%s SkipBuild", id).isTrue();
        });
    }

    @Test
    void routesTheWebhooksAndTheAdminApi() {
        assertThat(httpRoutes("CreateWebhookFunction")).containsExactly("POST /idloom/{shortcode}/create");
        assertThat(httpRoutes("UpdateWebhookFunction")).containsExactly("POST /idloom/{shortcode}/update");
        assertThat(httpRoutes("DeleteWebhookFunction")).containsExactly("POST /idloom/{shortcode}/delete");
        assertThat(httpRoutes("AdminFunction"))
                .containsExactlyInAnyOrder("ANY /apps/{shortcode}", "ANY /apps/{shortcode}/{proxy+}");
        assertThat(httpRoutes("PendingEmailFunction")).isEmpty();

        for (JsonNode event : resources.path("AdminFunction").path("Properties").path("Events")) {
            assertThat(event.path("Properties").path("Auth").path("Authorizer").asText()).isEqualTo("AWS_IAM");
        }
        for (String webhook : List.of("CreateWebhookFunction", "UpdateWebhookFunction", "DeleteWebhookFunction")) {
            for (JsonNode event : resources.path(webhook).path("Properties").path("Events")) {
                assertThat(event.path("Properties").path("ApiId").asText()).isEqualTo("SyncApi");
                assertThat(event.path("Properties").has("Auth")).as("%s is called by idloom", webhook).isFalse();
            }
        }
    }

    @Test
    void sendsPendingEmailsEveryFiveMinutes() {
        List<String> schedules = new ArrayList<>();
        for (JsonNode event : resources.path("PendingEmailFunction").path("Properties").path("Events")) {
            if (event.path("Type").asText().startsWith("Schedule")) {
                schedules.add(event.path("Properties").path("Schedule").asText(
                        event.path("Properties").path("ScheduleExpression").asText()));
            }
        }
        assertThat(schedules).containsExactly("rate(5 minutes)");
    }

    @Test
    void givesEveryFunctionItsOwnLogGroupWithRetention() {
        functions().forEach((id, fn) -> {
            String logGroupId = fn.path("Properties").path("LoggingConfig").path("LogGroup").asText();
            JsonNode logGroup = resources.path(logGroupId);
            assertThat(logGroup.path("Type").asText()).as("%s log group", id).isEqualTo("AWS::Logs::LogGroup");
            assertThat(logGroup.path("Properties").path("RetentionInDays").asText()).isEqualTo("LogRetentionDays");
        });
    }

    @Test
    void hasNoWildcardActionAnywhere() {
        List<JsonNode> statements = new ArrayList<>();
        collectStatements(template, statements);
        assertThat(statements).isNotEmpty();
        for (JsonNode statement : statements) {
            for (String action : actions(statement)) {
                assertThat(action).as("action in %s", statement).isNotEqualTo("*");
            }
        }
    }

    @Test
    void functionPoliciesNameOnlyActionsAndResourcesOfTheirOwn() {
        functions().forEach((id, fn) -> {
            JsonNode policies = fn.path("Properties").path("Policies");
            assertThat(policies.isArray()).as("%s policies", id).isTrue();
            for (JsonNode policy : policies) {
                assertThat(policy.has("Statement"))
                        .as("%s uses plain statements, not broader policy templates: %s", id, policy).isTrue();
                for (JsonNode statement : policy.path("Statement")) {
                    assertThat(actions(statement)).as("%s actions", id).allSatisfy(action ->
                            assertThat(action).doesNotContain("*"));
                    assertThat(statement.path("Resource").asText()).as("%s resource", id).isIn(
                            "SyncTable.Arn",
                            "ApiKeyEncryptionKey.Arn",
                            "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*");
                }
            }
        });
        // Any webhook can remove a person added by hand (a delete, or an excluded status) and email the owner.
        for (String webhook : List.of("CreateWebhookFunction", "UpdateWebhookFunction", "DeleteWebhookFunction")) {
            assertThat(actionsOf(webhook)).contains("ses:SendEmail", "kms:Decrypt").doesNotContain("kms:Encrypt");
        }
        assertThat(actionsOf("PendingEmailFunction")).contains("ses:SendEmail")
                .doesNotContain("kms:Decrypt", "dynamodb:PutItem", "dynamodb:GetItem");
        assertThat(actionsOf("AdminFunction")).contains("kms:Encrypt", "kms:Decrypt").doesNotContain("ses:SendEmail");
    }

    @Test
    void keepsTheTableAndOutputsWhatAUserNeeds() {
        JsonNode table = resources.path("SyncTable");
        assertThat(table.path("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(table.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(table.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(table.path("Properties").has("TableName")).isFalse();
        assertThat(template.path("Outputs").fieldNames()).toIterable().contains(
                "ApiUrl", "CreateWebhookFunctionArn", "UpdateWebhookFunctionArn", "DeleteWebhookFunctionArn",
                "PendingEmailFunctionArn", "AdminFunctionArn", "SyncTableName", "ApiKeyEncryptionKeyArn");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey(), resource.getValue());
            }
        }
        return functions;
    }

    private static List<String> httpRoutes(String functionId) {
        List<String> routes = new ArrayList<>();
        for (JsonNode event : resources.path(functionId).path("Properties").path("Events")) {
            if (event.path("Type").asText().equals("HttpApi")) {
                routes.add(event.path("Properties").path("Method").asText().toUpperCase()
                        + " " + event.path("Properties").path("Path").asText());
            }
        }
        return routes;
    }

    private static List<String> actionsOf(String functionId) {
        List<String> actions = new ArrayList<>();
        for (JsonNode policy : resources.path(functionId).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                actions.addAll(actions(statement));
            }
        }
        return actions;
    }

    private static List<String> actions(JsonNode statement) {
        List<String> actions = new ArrayList<>();
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else if (!action.isMissingNode()) {
            actions.add(action.asText());
        }
        return actions;
    }

    // Every IAM statement in the template: function policies and the key policy alike.
    private static void collectStatements(JsonNode node, List<JsonNode> statements) {
        if (node.isObject()) {
            JsonNode statement = node.path("Statement");
            if (statement.isArray()) {
                statement.forEach(statements::add);
            }
            node.forEach(child -> collectStatements(child, statements));
        } else if (node.isArray()) {
            node.forEach(child -> collectStatements(child, statements));
        }
    }
}

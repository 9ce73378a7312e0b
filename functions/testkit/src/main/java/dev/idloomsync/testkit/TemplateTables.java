package dev.idloomsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the DynamoDB tables declared in {@code template.yaml} (every {@code AWS::DynamoDB::Table}
 * resource), so that tests and the local runner use exactly the keys, indexes and TTL attribute
 * that AWS gets.
 *
 * <p>Applied: AttributeDefinitions, KeySchema, BillingMode, ProvisionedThroughput, global and local
 * secondary indexes, StreamSpecification, and TimeToLiveSpecification (through UpdateTimeToLive).
 * Ignored, as they change nothing a test can see: SSE, point-in-time recovery, tags, policies.
 * The template has no TableName, so the caller names each table.
 */
public final class TemplateTables {

    /** The resource type this class creates. */
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private static final String ROOT_ARTIFACT = "<artifactId>idloom-sync</artifactId>";

    private TemplateTables() {
    }

    /**
     * Finds {@code template.yaml} by walking up from the working directory to the project root: the
     * folder whose pom.xml has {@code <artifactId>idloom-sync</artifactId>}.
     *
     * @throws IllegalStateException if no such folder holds a template.yaml
     */
    public static Path findTemplate() {
        return findTemplate(Path.of("").toAbsolutePath());
    }

    /** Like {@link #findTemplate()}, starting at {@code start} instead of the working directory. */
    public static Path findTemplate(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            Path template = dir.resolve("template.yaml");
            if (Files.isRegularFile(pom) && Files.isRegularFile(template) && isRootPom(pom)) {
                return template;
            }
        }
        throw new IllegalStateException("No template.yaml found: walked up from " + start
                + " looking for the folder whose pom.xml has " + ROOT_ARTIFACT
                + ". Run from inside the idloom-sync checkout or pass the template's path.");
    }

    /**
     * Reads a CloudFormation/SAM template. Short-form intrinsics ({@code !Ref X}, {@code !Sub ...},
     * {@code !GetAtt A.B}) read as their plain value: the tag is dropped, the scalar, list or map stays.
     */
    public static JsonNode readTemplate(Path template) {
        try {
            // The YAML parser reports tags only as type ids, so !Ref and friends need no constructors.
            return new YAMLMapper().readTree(Files.readString(template, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + template, e);
        }
    }

    /** The logical ids of every {@code AWS::DynamoDB::Table} resource, in template order. */
    public static List<String> tableLogicalIds(Path template) {
        return tableLogicalIds(readTemplate(template));
    }

    /**
     * Creates the table declared as {@code logicalId} under the name {@code tableName}, waits until
     * it exists and turns its TTL on when the template does. A table of that name that already
     * exists is left as it is.
     *
     * @return {@code tableName}
     */
    public static String createTable(DynamoDbClient ddb, Path template, String logicalId, String tableName) {
        JsonNode resource = tableResource(readTemplate(template), logicalId);
        create(ddb, resource, logicalId, tableName);
        return tableName;
    }

    /**
     * Creates every table of the template, naming each with {@code tableName} applied to its logical id.
     *
     * @return logical id to table name, in template order
     */
    public static Map<String, String> createAll(DynamoDbClient ddb, Path template, UnaryOperator<String> tableName) {
        JsonNode root = readTemplate(template);
        Map<String, String> created = new LinkedHashMap<>();
        for (String logicalId : tableLogicalIds(root)) {
            String name = tableName.apply(logicalId);
            create(ddb, tableResource(root, logicalId), logicalId, name);
            created.put(logicalId, name);
        }
        return created;
    }

    /** The CreateTable request that the template's {@code logicalId} stands for, under {@code tableName}. */
    public static CreateTableRequest createTableRequest(Path template, String logicalId, String tableName) {
        return createTableRequest(tableResource(readTemplate(template), logicalId), logicalId, tableName);
    }

    /** The TTL attribute of the table {@code logicalId}, when its TimeToLiveSpecification is enabled. */
    public static Optional<String> ttlAttribute(Path template, String logicalId) {
        return ttlAttribute(tableResource(readTemplate(template), logicalId), logicalId);
    }

    // ------------------------------------------------------------------ internals

    private static void create(DynamoDbClient ddb, JsonNode resource, String logicalId, String tableName) {
        CreateTableRequest request = createTableRequest(resource, logicalId, tableName);
        try {
            ddb.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        ddb.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        ttlAttribute(resource, logicalId).ifPresent(attribute -> ddb.updateTimeToLive(r -> r
                .tableName(tableName)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
    }

    private static CreateTableRequest createTableRequest(JsonNode resource, String logicalId, String tableName) {
        JsonNode props = resource.path("Properties");
        String where = logicalId + ".Properties";
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributeDefinitions(props.path("AttributeDefinitions"), where))
                .keySchema(keySchema(props.path("KeySchema"), where + ".KeySchema"));

        BillingMode billing = props.has("BillingMode")
                ? BillingMode.fromValue(scalar(props.path("BillingMode"), where + ".BillingMode"))
                : BillingMode.PROVISIONED;
        request.billingMode(billing);
        if (props.has("ProvisionedThroughput")) {
            request.provisionedThroughput(throughput(props.path("ProvisionedThroughput"), where));
        } else if (billing == BillingMode.PROVISIONED) {
            throw new IllegalArgumentException(where + " is PROVISIONED but has no ProvisionedThroughput.");
        }

        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (JsonNode index : props.path("GlobalSecondaryIndexes")) {
            String at = where + ".GlobalSecondaryIndexes." + index.path("IndexName").asText("?");
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(scalar(index.path("IndexName"), at + ".IndexName"))
                    .keySchema(keySchema(index.path("KeySchema"), at + ".KeySchema"))
                    .projection(projection(index.path("Projection"), at));
            if (index.has("ProvisionedThroughput")) {
                gsi.provisionedThroughput(throughput(index.path("ProvisionedThroughput"), at));
            }
            gsis.add(gsi.build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }

        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        for (JsonNode index : props.path("LocalSecondaryIndexes")) {
            String at = where + ".LocalSecondaryIndexes." + index.path("IndexName").asText("?");
            lsis.add(LocalSecondaryIndex.builder()
                    .indexName(scalar(index.path("IndexName"), at + ".IndexName"))
                    .keySchema(keySchema(index.path("KeySchema"), at + ".KeySchema"))
                    .projection(projection(index.path("Projection"), at))
                    .build());
        }
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }

        JsonNode stream = props.path("StreamSpecification");
        if (stream.isObject()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(scalar(stream.path("StreamViewType"), where + ".StreamSpecification.StreamViewType"))
                    .build());
        }
        return request.build();
    }

    private static Optional<String> ttlAttribute(JsonNode resource, String logicalId) {
        JsonNode ttl = resource.path("Properties").path("TimeToLiveSpecification");
        if (!ttl.isObject() || !bool(ttl.path("Enabled"))) {
            return Optional.empty();
        }
        return Optional.of(scalar(ttl.path("AttributeName"),
                logicalId + ".Properties.TimeToLiveSpecification.AttributeName"));
    }

    private static List<AttributeDefinition> attributeDefinitions(JsonNode list, String where) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (JsonNode definition : requireList(list, where + ".AttributeDefinitions")) {
            definitions.add(AttributeDefinition.builder()
                    .attributeName(scalar(definition.path("AttributeName"), where + ".AttributeDefinitions.AttributeName"))
                    .attributeType(scalar(definition.path("AttributeType"), where + ".AttributeDefinitions.AttributeType"))
                    .build());
        }
        return definitions;
    }

    private static List<KeySchemaElement> keySchema(JsonNode list, String where) {
        List<KeySchemaElement> elements = new ArrayList<>();
        for (JsonNode element : requireList(list, where)) {
            elements.add(KeySchemaElement.builder()
                    .attributeName(scalar(element.path("AttributeName"), where + ".AttributeName"))
                    .keyType(scalar(element.path("KeyType"), where + ".KeyType"))
                    .build());
        }
        return elements;
    }

    private static Projection projection(JsonNode projection, String where) {
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.has("ProjectionType")
                        ? scalar(projection.path("ProjectionType"), where + ".Projection.ProjectionType")
                        : "ALL");
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(JsonNode node, String where) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(scalar(node.path("ReadCapacityUnits"), where + ".ReadCapacityUnits")))
                .writeCapacityUnits(Long.parseLong(scalar(node.path("WriteCapacityUnits"), where + ".WriteCapacityUnits")))
                .build();
    }

    private static List<String> tableLogicalIds(JsonNode root) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            if (TABLE_TYPE.equals(resource.getValue().path("Type").asText())) {
                ids.add(resource.getKey());
            }
        }
        return ids;
    }

    private static JsonNode tableResource(JsonNode root, String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (!TABLE_TYPE.equals(resource.path("Type").asText())) {
            throw new IllegalArgumentException("The template has no " + TABLE_TYPE + " named '" + logicalId
                    + "'; its tables are " + tableLogicalIds(root) + ".");
        }
        return resource;
    }

    private static JsonNode requireList(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty list in the template.");
        }
        return node;
    }

    // Table settings must be literal values here. Long-form intrinsics ({"Ref": ...}, {"Fn::...": ...})
    // are objects and get reported; a short-form one (!Ref X) reads as its argument's text, which is
    // why the table in template.yaml keeps its settings literal.
    private static String scalar(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException(where + " is missing in the template.");
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(where + " must be a literal value in the template, not " + node
                    + " (intrinsic functions are not resolved for local tables).");
        }
        return node.asText();
    }

    private static boolean bool(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText());
    }

    private static boolean isRootPom(Path pom) {
        try {
            return Files.readString(pom, StandardCharsets.UTF_8).contains(ROOT_ARTIFACT);
        } catch (IOException e) {
            return false;
        }
    }
}

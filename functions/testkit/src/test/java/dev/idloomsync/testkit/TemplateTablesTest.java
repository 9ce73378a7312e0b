package dev.idloomsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Integration test: the real template.yaml's table, created in a real moto_server. */
class TemplateTablesTest {

    private static MotoServer moto;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        ddb = moto.dynamoDb();
    }

    @AfterAll
    static void stopMoto() {
        if (ddb != null) {
            ddb.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void resetMoto() {
        moto.reset();
    }

    @Test
    void findsTheTemplateOfThisCheckout() {
        Path template = TemplateTables.findTemplate();
        assertThat(template.getFileName().toString()).isEqualTo("template.yaml");
        assertThat(template.resolveSibling("pom.xml")).content().contains("<artifactId>idloom-sync</artifactId>");
    }

    @Test
    void shortFormIntrinsicsReadAsTheirValues() {
        JsonNode root = TemplateTables.readTemplate(TemplateTables.findTemplate());
        JsonNode variables = root.path("Globals").path("Function").path("Environment").path("Variables");
        assertThat(variables.path("TABLE_NAME").asText()).isEqualTo("SyncTable");          // !Ref
        assertThat(variables.path("SENDER_EMAIL").asText()).isEqualTo("SenderEmail");      // !Ref
        assertThat(root.path("Outputs").path("SyncTableName").path("Value").asText()).isEqualTo("SyncTable");
        assertThat(root.path("Outputs").path("ApiKeyEncryptionKeyArn").path("Value").asText())
                .isEqualTo("ApiKeyEncryptionKey.Arn");                                      // !GetAtt
        assertThat(root.path("Outputs").path("ApiUrl").path("Value").asText())
                .startsWith("https://${SyncApi}.execute-api.");                             // !Sub
    }

    @Test
    void createsTheSyncTableExactlyAsDeclared() {
        Path template = TemplateTables.findTemplate();
        assertThat(TemplateTables.tableLogicalIds(template)).containsExactly("SyncTable");

        String name = TemplateTables.createTable(ddb, template, "SyncTable", "idloom-sync-test");

        TableDescription table = ddb.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableName()).isEqualTo("idloom-sync-test");
        assertThat(table.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrder(
                AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build());
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).isEmpty();

        var ttl = ddb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void createAllNamesEveryTableAndToleratesExistingOnes() {
        Path template = TemplateTables.findTemplate();
        Map<String, String> created = TemplateTables.createAll(ddb, template, id -> "run1-" + id);
        assertThat(created).containsExactly(Map.entry("SyncTable", "run1-SyncTable"));

        assertThat(TemplateTables.createAll(ddb, template, id -> "run1-" + id)).isEqualTo(created);
        assertThat(ddb.listTables().tableNames()).containsExactly("run1-SyncTable");
    }

    @Test
    void appliesIndexesAndRefusesUnknownTables(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Things:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${AWS::StackName}-things"
                      AttributeDefinitions:
                        - {AttributeName: id, AttributeType: S}
                        - {AttributeName: email, AttributeType: S}
                      KeySchema:
                        - {AttributeName: id, KeyType: HASH}
                      BillingMode: PAY_PER_REQUEST
                      GlobalSecondaryIndexes:
                        - IndexName: byEmail
                          KeySchema:
                            - {AttributeName: email, KeyType: HASH}
                          Projection: {ProjectionType: KEYS_ONLY}
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        TemplateTables.createTable(ddb, template, "Things", "things");

        TableDescription table = ddb.describeTable(r -> r.tableName("things")).table();
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("byEmail");
            assertThat(gsi.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("email");
            assertThat(gsi.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
        });
        assertThat(TemplateTables.ttlAttribute(template, "Things")).isEmpty();
        assertThatThrownBy(() -> TemplateTables.createTable(ddb, template, "Queue", "q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no AWS::DynamoDB::Table named 'Queue'")
                .hasMessageContaining("[Things]");
    }

    @Test
    void saysWhereItLookedWhenThereIsNoTemplate(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplateTables.findTemplate(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("<artifactId>idloom-sync</artifactId>");
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Tests.Definitions;

public class WorkflowJsonTests
{
    public static TheoryData<string> Workflows => [.. Fixture.Workflows];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_definition_round_trips_through_JSON_unchanged(string name)
    {
        var first = WorkflowJson.Serialize(Fixture.Load(name));
        var second = WorkflowJson.Serialize(WorkflowJson.Deserialize(first));
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_member_of_a_shipped_file_survives_reading_and_writing(string name)
    {
        var original = JsonNode.Parse(Fixture.Text(name))!;
        var written = JsonNode.Parse(WorkflowJson.Serialize(Fixture.Load(name)))!;
        AssertContains(original, written, "$");
    }

    [Fact]
    public void The_format_is_camelCase_with_enums_as_strings()
    {
        var json = JsonNode.Parse(WorkflowJson.Serialize(Fixture.Load("cuti-approval.json")))!;
        Assert.Equal("published", json["status"]!.GetValue<string>());
        Assert.Equal("roles", json["whoMayStart"]!["kind"]!.GetValue<string>());
        Assert.Equal("6f1c2a9e-3b7d-4c55-9a0e-2f8b1d4e7c60", json["tenantId"]!.GetValue<string>());
        Assert.Equal(12, json["variables"]![0]!["default"]!.GetValue<int>());
        Assert.Null(json["activities"]![0]!["label"]);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_definition_has_every_member_the_schema_requires(string name)
    {
        var schema = JsonNode.Parse(Fixture.Text("workflow-definition.schema.json"))!;
        var written = JsonNode.Parse(WorkflowJson.Serialize(Fixture.Load(name)))!;
        CheckRequired(schema, schema, written, "$");
    }

    [Fact]
    public void The_schema_is_draft_2020_12_and_describes_every_member_of_the_model()
    {
        var schema = JsonNode.Parse(Fixture.Text("workflow-definition.schema.json"))!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        var written = JsonNode.Parse(WorkflowJson.Serialize(Fixture.Load("cuti-approval.json")))!.AsObject();
        var described = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.All(written.Select(p => p.Key), member => Assert.Contains(member, described));
    }

    [Fact]
    public void The_schema_travels_inside_the_engine_assembly()
    {
        using var stream = typeof(WorkflowDefinition).Assembly.GetManifestResourceStream("KinerjaFlow.Engine.Definitions.workflow-definition.schema.json");
        Assert.NotNull(stream);
        Assert.Equal(Fixture.Text("workflow-definition.schema.json"), new StreamReader(stream).ReadToEnd());
    }

    [Fact]
    public void Text_that_is_not_a_definition_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => WorkflowJson.Deserialize("""{ "name": "tanpa id" }"""));

    private static void AssertContains(JsonNode expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var actualObject = Assert.IsType<JsonObject>(actual);
                foreach (var (key, value) in obj)
                {
                    Assert.True(actualObject.ContainsKey(key), $"{path}.{key} was lost");
                    if (value is not null)
                        AssertContains(value, actualObject[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, actualArray.Count);
                for (var i = 0; i < array.Count; i++)
                    AssertContains(array[i]!, actualArray[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected.ToJsonString()} became {actual?.ToJsonString()}");
                break;
        }
    }

    /// <summary>
    /// A structural check in place of a schema library (JsonSchema.Net is not a dependency of the
    /// engine): follows properties, items and local $refs and checks every required array.
    /// </summary>
    private static void CheckRequired(JsonNode root, JsonNode schema, JsonNode? instance, string path)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(root, (node, part) => node[part]!);
            CheckRequired(root, target, instance, path);
            return;
        }

        if (instance is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
                Assert.True(obj.ContainsKey(required!.GetValue<string>()), $"{path} lacks required member '{required}'");
            foreach (var (key, value) in obj)
            {
                if (schema["properties"]?[key] is { } member)
                    CheckRequired(root, member, value, $"{path}.{key}");
                else if (schema["additionalProperties"] is JsonValue additional && !additional.GetValue<bool>())
                    Assert.Fail($"{path}.{key} is not in the schema");
            }
        }
        else if (instance is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
                CheckRequired(root, items, array[i], $"{path}[{i}]");
        }
        else if (schema["enum"] is JsonArray allowed && instance is not null)
        {
            Assert.Contains(allowed, a => JsonNode.DeepEquals(a, instance));
        }
    }
}

using System.Text.Json.Nodes;
using FsCheck.Fluent;
using Restarter.XmlRpc.Tests.Python;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>
/// Our bytes must equal what /usr/bin/python3's xmlrpc.client.dumps writes for the same values, because the legacy
/// Python client and admins' scripts were written against those bytes. Python computes every expected document here.
/// </summary>
public class PythonGoldenTests(PythonGoldenTests.NamedValuesFixture python) : IClassFixture<PythonGoldenTests.NamedValuesFixture>
{
    public static TheoryData<string, XmlRpcValue> NamedValues => new()
    {
        { "restart_unit result", new XmlRpcStruct().Add("success", true).Add("message", "success") },
        { "restart_unit refusal", new XmlRpcStruct().Add("success", false).Add("message", "invalid identifier: 'x<&>'") },
        { "0.1", 0.1 },
        { "1e+100", 1e100 },
        { "-0.0", -0.0 },
        { "1e+16", 1e16 },
        { "1e15", 1e15 },
        { "1e-05", 1e-5 },
        { "0.0001", 1e-4 },
        { "1234.5", 1234.5 },
        { "0.30000000000000004", 0.1 + 0.2 },
        { "max double", double.MaxValue },
        { "min subnormal", double.Epsilon },
        { "nan", double.NaN },
        { "inf", double.PositiveInfinity },
        { "-inf", double.NegativeInfinity },
        { "int max", int.MaxValue },
        { "int min", int.MinValue },
        { "true", true },
        { "false", false },
        { "escapes", "a & b < c > d \"e\" 'f' ]]>" },
        { "astral", "😀 𝄞 \U0010FFFF é 中文" },
        { "whitespace", "  \t\n  " },
        { "empty string", "" },
        { "nil", XmlRpcValue.Nil },
        { "empty array", new XmlRpcArray() },
        { "empty struct", new XmlRpcStruct() },
        { "empty base64", Array.Empty<byte>() },
        { "base64 of 57 bytes (one full line)", Enumerable.Range(0, 57).Select(i => (byte)i).ToArray() },
        { "base64 of 200 bytes", Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray() },
        { "year 1", new DateTime(1, 1, 1, 0, 0, 0) },
        { "a date", new DateTime(1998, 7, 17, 14, 8, 55) },
        { "sub-second ticks are dropped as Python drops microseconds", new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(1234567) },
        {
            "nested", new XmlRpcArray().Add(new XmlRpcStruct().Add("a", new XmlRpcArray().Add(XmlRpcValue.Nil).Add(1)).Add("b&", "<"))
                .Add(new XmlRpcArray()).Add(XmlRpcValue.Nil).Add(2.5)
        },
    };

    [Theory]
    [MemberData(nameof(NamedValues))]
    public async Task A_response_is_byte_for_byte_what_Python_writes(string name, XmlRpcValue value)
    {
        var expected = await python.DumpsAsync(name);

        Assert.True(expected.AsSpan().SequenceEqual(Codec.Response(value)), $"{name}: python wrote\n{Codec.Text(expected)}\nwe wrote\n{Codec.Text(Codec.Response(value))}");
    }

    /// <summary>Python's dumps of every named value, from one interpreter run for the whole class.</summary>
    public sealed class NamedValuesFixture
    {
        private readonly Lazy<Task<Dictionary<string, byte[]>>> _answers = new(async () =>
        {
            var cases = NamedValues.Select(row => ((string)row[0], (XmlRpcValue)row[1])).ToList();
            var answers = await PythonOracle.RunAsync(new JsonArray([.. cases.Select(c => new JsonObject { ["op"] = "dumps_response", ["value"] = PythonValueSpec.From(c.Item2) })]));
            return cases.Select((c, i) => (c.Item1, PythonOracle.Bytes(answers[i]!))).ToDictionary(c => c.Item1, c => c.Item2);
        });

        public async Task<byte[]> DumpsAsync(string name) => (await _answers.Value)[name];
    }

    [Fact]
    public async Task Random_responses_are_byte_for_byte_what_Python_writes()
    {
        // Python refuses ints beyond 32 bits and loses CRs, so those are left out here (see RoundTripPropertyTests).
        var values = XmlRpcValueGenerators.Value(withCarriageReturn: false, pythonWritable: true).Sample(300, 20);
        var requests = new JsonArray([.. values.Select(v => new JsonObject { ["op"] = "dumps_response", ["value"] = PythonValueSpec.From(v) })]);

        var answers = await PythonOracle.RunAsync(requests);

        for (var i = 0; i < values.Length; i++)
        {
            var ours = Codec.Response(values[i]);
            var python = PythonOracle.Bytes(answers[i]!);
            Assert.True(python.AsSpan().SequenceEqual(ours), $"value {values[i]}: python wrote\n{Codec.Text(python)}\nwe wrote\n{Codec.Text(ours)}");
        }
    }

    [Fact]
    public async Task Calls_are_byte_for_byte_what_Python_writes()
    {
        var parameterLists = XmlRpcValueGenerators.Value(withCarriageReturn: false, pythonWritable: true).ArrayOf().Sample(60, 10).ToList();
        parameterLists.Add([]);
        parameterLists.Add(["1234"]);
        var names = new[] { "restart_unit", "system.listMethods", "validator1.echoStructTest", "echo" };
        var requests = new JsonArray([.. parameterLists.Select((p, i) => new JsonObject
        {
            ["op"] = "dumps_call",
            ["method"] = names[i % names.Length],
            ["params"] = new JsonArray([.. p.Select(PythonValueSpec.From)]),
        })]);

        var answers = await PythonOracle.RunAsync(requests);

        for (var i = 0; i < parameterLists.Count; i++)
        {
            var ours = Codec.Call(names[i % names.Length], parameterLists[i]);
            var python = PythonOracle.Bytes(answers[i]!);
            Assert.True(python.AsSpan().SequenceEqual(ours), $"python wrote\n{Codec.Text(python)}\nwe wrote\n{Codec.Text(ours)}");
        }
    }

    [Fact]
    public async Task Faults_are_byte_for_byte_what_Python_writes()
    {
        (int Code, string Text)[] faults =
        [
            (1, "<class 'Exception'>:method \"no.such\" is not supported"),
            (1, "<class 'TypeError'>:restart_unit() missing 1 required positional argument: 'identifier'"),
            (-32700, "parse error. not well formed"),
            (0, ""),
            (int.MinValue, "é & 😀"),
        ];
        var requests = new JsonArray([.. faults.Select(f => new JsonObject { ["op"] = "dumps_fault", ["code"] = f.Code, ["string"] = f.Text })]);

        var answers = await PythonOracle.RunAsync(requests);

        for (var i = 0; i < faults.Length; i++)
        {
            var ours = Codec.Fault(faults[i].Code, faults[i].Text);
            var python = PythonOracle.Bytes(answers[i]!);
            Assert.True(python.AsSpan().SequenceEqual(ours), $"python wrote\n{Codec.Text(python)}\nwe wrote\n{Codec.Text(ours)}");
        }
    }
}

using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using Restarter.XmlRpc.Tests.Python;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>Python's xmlrpc.client.loads reads what we write, and we read what Python reads, the same way.</summary>
public class PythonInteropTests(PythonInteropTests.DocumentsFixture python) : IClassFixture<PythonInteropTests.DocumentsFixture>
{
    [Fact]
    public async Task Python_reads_every_value_we_write_including_i8_and_carriage_returns()
    {
        var values = XmlRpcValueGenerators.Value(withCarriageReturn: true, pythonWritable: false).Sample(300, 25);

        var answers = await PythonOracle.RunAsync(new JsonArray([.. values.Select(v => (JsonNode)PythonOracle.Loads(Codec.Response(v)))]));

        for (var i = 0; i < values.Length; i++)
        {
            var answer = answers[i]!;
            Assert.True(answer["error"] is null, $"python could not read {values[i]}: {answer["error"]}");
            var read = PythonValueSpec.To(answer["params"]![0]!);
            Assert.True(read.Equals(values[i]), $"python read {read}, we wrote {values[i]}");
        }
    }

    [Fact]
    public async Task Python_reads_our_calls_and_faults()
    {
        var call = Codec.Call("restart_unit", "1234", 5, new XmlRpcStruct().Add("k", XmlRpcValue.Nil));
        var fault = Codec.Fault(1, "<class 'Exception'>:method \"x\" is not supported");

        var answers = await PythonOracle.RunAsync([PythonOracle.Loads(call), PythonOracle.Loads(fault)]);

        Assert.Equal("restart_unit", (string?)answers[0]!["method"]);
        Assert.Equal<XmlRpcValue>(
            new XmlRpcArray().Add("1234").Add(5).Add(new XmlRpcStruct().Add("k", XmlRpcValue.Nil)),
            PythonValueSpec.To(new JsonObject { ["t"] = "array", ["v"] = answers[0]!["params"]!.DeepClone() }));
        Assert.Equal(1, (int)answers[1]!["fault"]!["code"]!);
        Assert.Equal("<class 'Exception'>:method \"x\" is not supported", (string?)answers[1]!["fault"]!["string"]);
    }

    /// <summary>Documents other stacks send, which we must read exactly as Python reads them.</summary>
    public static TheoryData<string, string> Documents => new()
    {
        { "untyped value keeps whitespace", "<value>  a \n b  </value>" },
        { "untyped empty value", "<value></value>" },
        { "self-closed value", "<value/>" },
        { "self-closed string", "<value><string/></value>" },
        { "CDATA in string", "<value><string>x<![CDATA[<&>]]>y</string></value>" },
        { "CDATA in untyped value", "<value><![CDATA[ <b> ]]></value>" },
        { "comment inside string", "<value><string>a<!-- c -->b</string></value>" },
        { "whitespace around the type element", "<value>\n  <int>7</int>\n</value>" },
        { "i1 i2 i4 biginteger", "<value><array><data><value><i1>-5</i1></value><value><i2>300</i2></value><value><i4>7</i4></value><value><biginteger>9223372036854775807</biginteger></value></data></array></value>" },
        { "i8", "<value><i8>-9223372036854775808</i8></value>" },
        { "ints with sign and spaces", "<value><array><data><value><int> +42 </int></value><value><int>-0</int></value><value><int>007</int></value></data></array></value>" },
        { "float and bigdecimal", "<value><array><data><value><float>1.5</float></value><value><bigdecimal>3.25</bigdecimal></value><value><double> 1E3 </double></value><value><double>.5</double></value></data></array></value>" },
        { "python spellings of nan and inf", "<value><array><data><value><double>nan</double></value><value><double>-inf</double></value><value><double>Infinity</double></value></data></array></value>" },
        { "undeclared ex prefix", "<value><array><data><value><ex:nil/></value><value><ex:i8>5</ex:i8></value></data></array></value>" },
        { "declared other prefix", "<value xmlns:foo='urn:x'><foo:string>s</foo:string></value>" },
        { "repeated member: last wins", "<value><struct><member><name>a</name><value>1</value></member><member><name>b</name><value>2</value></member><member><name>a</name><value>3</value></member></struct></value>" },
        { "struct with whitespace everywhere", "<value>\n<struct>\n <member>\n  <name>x</name>\n  <value><boolean>1</boolean></value>\n </member>\n</struct>\n</value>" },
        { "base64 with line breaks", "<value><base64>\naGVsbG8g\nd29ybGQ=\n</base64></value>" },
        { "dateTime", "<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>" },
        { "character references", "<value>&#233;&#x1F600;&lt;&amp;&gt;&quot;&apos;</value>" },
        { "CR LF normalised", "<value>a\r\nb\rc</value>" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task We_read_a_value_exactly_as_Python_does(string name, string valueXml)
    {
        var answer = await python.LoadsAsync(name);
        var ours = await Codec.ReadResponseAsync(DocumentFor(valueXml));

        Assert.True(answer["error"] is null, $"{name}: python failed: {answer["error"]}");
        var read = PythonValueSpec.To(answer["params"]![0]!);
        Assert.True(read.Equals(ours.Value), $"{name}: python read {read}, we read {ours.Value}");
    }

    private static byte[] DocumentFor(string valueXml) => Encoding.UTF8.GetBytes(
        $"<?xml version='1.0'?>\n<methodResponse><params><param>{valueXml}</param></params></methodResponse>");

    /// <summary>What Python's loads makes of every document, from one interpreter run for the whole class.</summary>
    public sealed class DocumentsFixture
    {
        private readonly Lazy<Task<Dictionary<string, JsonNode>>> _answers = new(async () =>
        {
            var cases = Documents.Select(row => ((string)row[0], (string)row[1])).ToList();
            var answers = await PythonOracle.RunAsync(new JsonArray([.. cases.Select(c => (JsonNode)PythonOracle.Loads(DocumentFor(c.Item2)))]));
            return cases.Select((c, i) => (c.Item1, answers[i]!)).ToDictionary(c => c.Item1, c => c.Item2);
        });

        public async Task<JsonNode> LoadsAsync(string name) => (await _answers.Value)[name];
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("UTF-16")]
    [InlineData("utf-8")]
    public async Task The_encoding_declared_in_the_prolog_is_honoured(string encodingName)
    {
        var encoding = encodingName == "ISO-8859-1" ? Encoding.Latin1 : Encoding.GetEncoding(encodingName);
        var text = $"<?xml version='1.0' encoding='{encodingName}'?>\n<methodCall><methodName>echo</methodName><params><param><value>Grüße, señor ©</value></param></params></methodCall>";
        var document = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

        var answers = await PythonOracle.RunAsync([PythonOracle.Loads(document)]);
        var ours = await Codec.ReadCallAsync(document);

        Assert.Equal("echo", ours.MethodName);
        Assert.Equal(new XmlRpcString("Grüße, señor ©"), ours.Parameters.Single());
        Assert.Equal(PythonValueSpec.To(answers[0]!["params"]![0]!), ours.Parameters.Single());
    }
}

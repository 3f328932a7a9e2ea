using System.Buffers;
using System.Text;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>
/// The UTF-8 fast path must read every document exactly as the XmlReader path does: same values, same errors, same
/// wording. Each document here is read three ways: as shipped (<see cref="XmlRpcReadPath.Auto"/>), by XmlReader alone
/// (the reference), and by the UTF-8 reader alone, which must take the documents real clients send and decline the rest.
/// </summary>
public class Utf8TokenReaderTests
{
    private static readonly XmlRpcReaderOptions Shipped = new();
    private static readonly XmlRpcReaderOptions Reference = new() { ReadPath = XmlRpcReadPath.XmlReaderOnly };
    private static readonly XmlRpcReaderOptions FastOnly = new() { ReadPath = XmlRpcReadPath.Utf8Only };

    private const string Prolog = "<?xml version='1.0'?>\n<methodCall>\n<methodName>echo</methodName>\n<params>\n<param>\n";
    private const string Epilog = "\n</param>\n</params>\n</methodCall>\n";

    /// <summary>
    /// Documents the fast path reads itself, values as XmlReader reads them; the wrong ones among them it finds wrong, and
    /// the answer is XmlReader's.
    /// </summary>
    private static readonly string[] ReadDocuments =
    [
        Prolog + "<value><string>1234</string></value>" + Epilog,
        Prolog + "<value>1234</value>" + Epilog,
        Prolog + "<value/>" + Epilog,
        Prolog + "<value><string/></value>" + Epilog,
        Prolog + "<value><nil/></value>" + Epilog,
        Prolog + "<value><string>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</string></value>" + Epilog,
        Prolog + "<value><string>&#49;&#x32;&#x0033;&#0052;</string></value>" + Epilog,
        Prolog + "<value><string>&#x1F600; &#128512; \U0001F600 grüße 日本</string></value>" + Epilog,
        Prolog + "<value><string>line 1\r\nline 2\rline 3\n&#13;&#10;\r</string></value>" + Epilog,
        Prolog + "<value><string>a > b, ]] > ]>, ] ]></string></value>" + Epilog,
        Prolog + "<value>\r\n<string>x</string>\r\n</value>" + Epilog,
        Prolog + "<value>&#32;<int>7</int>&#9;</value>" + Epilog,
        Prolog + "<value>\t<int>7</int>\n</value>" + Epilog,
        Prolog + "<value ><int\n>7</int\t></value >" + Epilog,
        Prolog + "<value><i8>-9223372036854775808</i8></value>" + Epilog,
        Prolog + "<value><double>-1.5e-7</double></value>" + Epilog,
        Prolog + "<value><dateTime.iso8601>20240229T23:59:59</dateTime.iso8601></value>" + Epilog,
        Prolog + "<value><dateTime.iso8601>20230229T23:59:59</dateTime.iso8601></value>" + Epilog,
        Prolog + "<value><dateTime.iso8601>2024-02-29T23:59:59Z</dateTime.iso8601></value>" + Epilog,
        Prolog + "<value><dateTime.iso8601>20240101T24:00:00</dateTime.iso8601></value>" + Epilog,
        Prolog + "<value><base64>\naGVsbG8=\n</base64></value>" + Epilog,
        Prolog + "<value><array><data>\n<value><int>1</int></value>\n<value>two</value>\n</data></array></value>" + Epilog,
        Prolog + "<value><struct>\n<member>\n<name>a&amp;b</name>\n<value><boolean>1</boolean></value>\n</member>\n</struct></value>" + Epilog,
        Prolog + "<value><struct><member><name>x</name><value>1</value></member><member><name>x</name><value>2</value></member></struct></value>" + Epilog,
        Prolog + "<value><unknown>1</unknown></value>" + Epilog,
        Prolog + "<value><int>12a4</int></value>" + Epilog,
        Prolog + "<value><boolean>2</boolean></value>" + Epilog,
        "<methodCall><methodName>a.b_c-d</methodName></methodCall>",
        "<methodCall><methodName>x</methodName><params/></methodCall>",
        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml version = '1.0'  encoding = 'utf-8' ?>\n\n<methodCall><methodName>x</methodName></methodCall>\n\n",
        "<methodCall><methodName>x</methodName><params><param><value>1</value></param></params></methodResponse>",
        "<methodCall><methodName>x</methodName></methodCall><methodCall/>",
        "<methodCall><methodName>x</methodName></methodCall>trailing",
        "<methodCall><methodName>x</methodName>",
        "<methodCall><methodName>x</methodName></methodCall",
        "<methodCall><methodName>x</methodName></methodCall ",
        "",
        "   ",
        "<methodCall><methodName>\u0085\u00A0\u2028</methodName></methodCall>",
        // Refused by the declaration check, before either reader.
        "<?xml version='1.0' encoding='utf8'?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml version='1.0' standalone='maybe'?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml version='1.0' encoding='utf-8' version='1.0'?><methodCall><methodName>x</methodName></methodCall>",
    ];

    /// <summary>Documents the fast path declines; the answer is XmlReader's.</summary>
    private static readonly string[] DeclinedDocuments =
    [
        Prolog + "<value><string><![CDATA[<x>]]></string></value>" + Epilog,
        Prolog + "<value><string>a<!-- comment -->b</string></value>" + Epilog,
        Prolog + "<value><string>a<?pi x?>b</string></value>" + Epilog,
        Prolog + "<value><string>]]></string></value>" + Epilog,
        Prolog + "<value><string>&bogus;</string></value>" + Epilog,
        Prolog + "<value><string>&#0;</string></value>" + Epilog,
        Prolog + "<value><string>&#xD800;</string></value>" + Epilog,
        Prolog + "<value><string>&#xFFFE;</string></value>" + Epilog,
        Prolog + "<value><string>&#x110000;</string></value>" + Epilog,
        Prolog + "<value><string>&#;&#x;</string></value>" + Epilog,
        Prolog + "<value><string>&#12a;</string></value>" + Epilog,
        Prolog + "<value><string>&#X33;</string></value>" + Epilog,
        Prolog + "<value><string>&#00000000049;</string></value>" + Epilog,
        Prolog + "<value><string>&amp</string></value>" + Epilog,
        Prolog + "<value><string>a & b</string></value>" + Epilog,
        Prolog + "<value><string>\u0001</string></value>" + Epilog,
        Prolog + "<value><string>\u000B\u000C\u001F</string></value>" + Epilog,
        Prolog + "<value><string>\uFFFE\uFFFF</string></value>" + Epilog,
        Prolog + "<value><string>\0</string></value>" + Epilog,
        Prolog + "<value><ex:nil xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'/></value>" + Epilog,
        Prolog + "<value><ex:nil/></value>" + Epilog,
        Prolog + "<value><string lang='en'>x</string></value>" + Epilog,
        Prolog + "<value><värde>x</värde></value>" + Epilog,
        Prolog + "<value><1int>x</1int></value>" + Epilog,
        Prolog + "<value>< int>1</int></value>" + Epilog,
        Prolog + "<value><int>1</int ></valu>" + Epilog,
        Prolog + "<value><int>1</ int></value>" + Epilog,
        Prolog + "<value><int/ >" + Epilog,
        Prolog + "<value><int>1</inta></value>" + Epilog,
        "<!DOCTYPE methodCall [<!ENTITY id '1234'>]><methodCall><methodName>&id;</methodName></methodCall>",
        "<?xml version='1.1'?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml version='1.0' encoding='ISO-8859-1'?><methodCall><methodName>caf\u00e9</methodName></methodCall>",
        "<?xml version='1.0'?><?xml version='1.0'?><methodCall><methodName>x</methodName></methodCall>",
        " <?xml version='1.0'?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml-stylesheet href='x'?><methodCall><methodName>x</methodName></methodCall>",
        "<?xml version='1.0'><methodCall><methodName>x</methodName></methodCall>",
        "<methodCall xmlns='urn:x'><methodName>x</methodName></methodCall>",
        "<methodCall><methodName>x</methodName></methodCall><!-- after -->",
        "text<methodCall><methodName>x</methodName></methodCall>",
    ];

    public static TheoryData<string> Read => new(ReadDocuments);

    public static TheoryData<string> Declined => new(DeclinedDocuments);

    [Theory]
    [MemberData(nameof(Read))]
    public async Task The_fast_path_reads_what_clients_send_as_XmlReader_does(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var reference = await OutcomeAsync(bytes, Reference);
        Assert.Equal(reference, await OutcomeAsync(bytes, Shipped));
        if (!reference.StartsWith("error", StringComparison.Ordinal))
        {
            Assert.Equal(reference, await OutcomeAsync(bytes, FastOnly));
        }
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public async Task What_the_fast_path_declines_is_read_by_XmlReader(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        Assert.Equal(await OutcomeAsync(bytes, Reference), await OutcomeAsync(bytes, Shipped));
        await Assert.ThrowsAsync<Utf8TokenReaderDeclinedException>(() => XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(bytes), FastOnly).AsTask());
    }

    [Fact]
    public async Task Documents_as_Python_writes_them_take_the_fast_path()
    {
        // Every type as our writer writes it, which is byte for byte what Python's xmlrpc.client.dumps writes
        // (PythonGoldenTests), and a fault as Python's server writes it.
        var call = Codec.Call("echo", new XmlRpcStruct
        {
            ["s"] = new XmlRpcString("<&>\"' grüße \U0001F600"),
            ["i"] = new XmlRpcInteger(-7),
            ["d"] = new XmlRpcDouble(0.1),
            ["b"] = XmlRpcBoolean.True,
            ["t"] = new XmlRpcDateTime(new DateTime(1998, 7, 17, 14, 8, 55)),
            ["x"] = new XmlRpcBase64(new byte[100]),
            ["n"] = XmlRpcNil.Instance,
            ["a"] = new XmlRpcArray([new XmlRpcString(""), new XmlRpcArray()]),
        });
        Assert.Equal(await OutcomeAsync(call, Reference), await OutcomeAsync(call, FastOnly));

        var answer = Codec.Fault(4, "invalid identifier");
        var response = await XmlRpcSerializer.ReadMethodResponseAsync(new MemoryStream(answer), FastOnly);
        Assert.Equal("invalid identifier", response.Fault!.Message);
    }

    [Fact]
    public async Task Mutated_documents_read_the_same_on_both_paths()
    {
        // A deterministic differential fuzz: the Robustness suite's fuzzer does the same at length.
        var seeds = ReadDocuments.Select(Encoding.UTF8.GetBytes).Where(seed => seed.Length > 0).ToArray();
        byte[] interesting = "<>/&;#x?!-[]]'\"= \t\r\n\0\u00e9\uFFFE:"u8.ToArray();
        var random = new Random(20261129);
        for (var i = 0; i < 3000; i++)
        {
            var mutant = seeds[random.Next(seeds.Length)].ToList();
            for (var edits = random.Next(1, 4); edits > 0 && mutant.Count > 0; edits--)
            {
                var at = random.Next(mutant.Count);
                switch (random.Next(3))
                {
                    case 0: mutant[at] = interesting[random.Next(interesting.Length)]; break;
                    case 1: mutant.RemoveAt(at); break;
                    default: mutant.Insert(at, interesting[random.Next(interesting.Length)]); break;
                }
            }

            var bytes = mutant.ToArray();
            Assert.True(
                await OutcomeAsync(bytes, Reference) == await OutcomeAsync(bytes, Shipped),
                $"case {i} reads differently: {Encoding.UTF8.GetString(bytes)}");
        }
    }

    [Fact]
    public void The_byte_tables_say_what_their_rules_say()
    {
        for (var value = 0; value < 128; value++)
        {
            var isName = char.IsAsciiLetterOrDigit((char)value) || value is '_' or '.' or '-';
            Assert.True(isName == (Utf8TokenReader.IsNameCharacter[value] == 1), $"name byte 0x{value:X2}");
        }

        for (var value = 0; value < 256; value++)
        {
            var expected = value switch
            {
                '<' => Utf8TokenReader.EndOfText,
                '\t' or '\n' => Utf8TokenReader.Ordinary,
                < 0x20 or '&' or '>' or 0xEF => Utf8TokenReader.CloserLook,
                _ => Utf8TokenReader.Ordinary,
            };
            Assert.True(expected == Utf8TokenReader.TextByteClass[value], $"byte 0x{value:X2}");
        }
    }

    /// <summary>What reading <paramref name="document"/> as a call gives: the call written back, or the error.</summary>
    private static async Task<string> OutcomeAsync(byte[] document, XmlRpcReaderOptions options)
    {
        XmlRpcMethodCall call;
        try
        {
            call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(document), options);
        }
        catch (XmlRpcFormatException e)
        {
            return $"error {e.Error}: {e.Message}";
        }

        var output = new ArrayBufferWriter<byte>();
        try
        {
            XmlRpcSerializer.WriteMethodCall(output, call);
        }
        catch (XmlRpcFormatException e)
        {
            return $"read, but not writable: {e.Message}";
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}

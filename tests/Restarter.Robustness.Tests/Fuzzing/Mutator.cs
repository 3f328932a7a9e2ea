using System.Text;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// A deterministic mutator: the same seed gives the same sequence of mutants on every machine (<see cref="Random"/>
/// with a seed is specified to be stable). Byte-level mutations (bit flips, interesting bytes, deletions, duplications,
/// truncation, splicing) and XML-aware ones (renamed tags, inserted XML-RPC fragments, replaced text) so that mutants
/// get past the XML parser often enough to reach the grammar and the dispatcher.
/// </summary>
public sealed class Mutator(int seed, IReadOnlyList<byte[]> corpus)
{
    public const int MaxMutantBytes = 64 * 1024;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE9, 0xED, 0xEF, 0xFE, 0xFF, (byte)'<', (byte)'>', (byte)'&', (byte)';', (byte)'"', (byte)'\'', (byte)'/', (byte)'?', (byte)'!', (byte)'=', (byte)'0', (byte)'9'];

    private static readonly string[] TagNames =
    [
        "methodCall", "methodName", "params", "param", "value", "string", "int", "i4", "i8", "i1", "i2", "biginteger",
        "double", "float", "bigdecimal", "boolean", "array", "data", "struct", "member", "name", "nil", "ex:nil", "base64",
        "dateTime.iso8601", "methodResponse", "fault", "MethodCall", "x",
    ];

    private static readonly byte[][] Fragments = [.. new[]
    {
        "<value>", "</value>", "<value/>", "<string>", "</string>", "<int>", "</int>", "<i4>1234</i4>", "<i8>1234</i8>",
        "<array><data>", "</data></array>", "<struct>", "</struct>", "<member><name>x</name>", "</member>",
        "<param>", "</param>", "<params>", "</params>", "<param><value><string>1234</string></value></param>",
        "<methodName>restart_unit</methodName>", "restart_unit", "system.multicall", "echo",
        "<struct><member><name>methodName</name><value>restart_unit</value></member><member><name>params</name><value><array><data><value>4321</value></data></array></value></member></struct>",
        "1234", "0000", "12345", "123", "-123", "+123", " 1234", "1234\n", "1234\u0000", "\uFF11\uFF12\uFF13\uFF14", "\u0661\u0662\u0663\u0664",
        "&#49;&#50;&#51;&#52;", "&#x31;", "&amp;", "&lt;", "&id;", "&#0;", "&#xD800;", "<![CDATA[1234]]>", "]]>", "<!-- c -->", "<!--", "-->",
        "<!DOCTYPE methodCall [<!ENTITY id '1234'>]>", "<?pi x?>", "\uFEFF", "<?xml version='1.0'?>",
        "<?xml version='1.0' encoding='US-ASCII'?>", "<?xml version='1.0' encoding='UTF-16'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>",
        "<?xml version='1.0' encoding='x-unknown'?>", " xmlns='urn:x'", " xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'",
        "<ex:nil/>", "<nil/>", "<base64>MTIzNA==</base64>", "<boolean>1</boolean>", "<double>1234.0</double>", "<double>1e309</double>",
        "<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601>", "\r\n", "\t", "\u00e9", "\U0001F600",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] Texts = [.. new[]
    {
        "1234", "0000", "9999", "12345", "123", "", " ", "1234 ", " 1234", "-123", "+123", "1e3", "0x4D2", "١٢٣٤", "１２３４",
        "1234\n", "12\u00AD34", "abcd", "restart_unit", "system.multicall", "RESTART_UNIT", "restart_unit ", "2147483648",
        "9223372036854775808", "-9223372036854775809", "NaN", "1", "0",
    }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Whole values that replace a <c>&lt;value&gt;...&lt;/value&gt;</c>, to reach the dispatcher with odd types.</summary>
    private static readonly byte[][] Values = [.. new[]
    {
        "<value>1234</value>", "<value><string>0042</string></value>", "<value><int>1234</int></value>", "<value><i4>-123</i4></value>",
        "<value><i8>9999</i8></value>", "<value><int>12345</int></value>", "<value><boolean>1</boolean></value>", "<value><double>1234</double></value>",
        "<value><base64>MTIzNA==</base64></value>", "<value><nil/></value>", "<value><ex:nil/></value>", "<value/>", "<value></value>",
        "<value><string>1234\n</string></value>", "<value><string>&#49;234</string></value>", "<value><string><![CDATA[12]]>34</string></value>",
        "<value><string>١٢٣٤</string></value>", "<value><string>１２３４</string></value>", "<value><string> 1234</string></value>",
        "<value><array><data><value>1234</value></data></array></value>", "<value><struct><member><name>id</name><value>1234</value></member></struct></value>",
        "<value><dateTime.iso8601>12340101T00:00:00</dateTime.iso8601></value>", "<value><string>12\u0000</string></value>",
        "<value><string>restart_unit</string></value>", "<value><string>system.multicall</string></value>",
        "<value><array><data><value><struct><member><name>methodName</name><value>restart_unit</value></member><member><name>params</name><value><array><data><value>2468</value></data></array></value></member></struct></value></data></array></value>",
    }.Select(Encoding.UTF8.GetBytes)];

    private readonly Random _random = new(seed);

    /// <summary>A mutant of a random seed: one to four mutations stacked.</summary>
    public byte[] Next()
    {
        var data = new List<byte>(corpus[_random.Next(corpus.Count)]);
        var roll = _random.Next(10);
        var count = roll < 5 ? 1 : roll < 8 ? 2 : 3 + _random.Next(2);
        for (var i = 0; i < count && data.Count < MaxMutantBytes; i++)
        {
            Mutate(data);
        }

        return data.Count > MaxMutantBytes ? [.. data.Take(MaxMutantBytes)] : [.. data];
    }

    private void Mutate(List<byte> data)
    {
        switch (_random.Next(15))
        {
            case 12:
            case 13:
            case 14:
                ReplaceValue(data);
                break;
            case 0 when data.Count > 0:
                var bit = _random.Next(data.Count);
                data[bit] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = Pick(InterestingBytes);
                break;
            case 2 when data.Count > 0:
                var start = _random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(32)));
                break;
            case 3 when data.Count > 0:
                var from = _random.Next(data.Count);
                var length = Math.Min(data.Count - from, 1 + _random.Next(256));
                var times = _random.Next(8) == 0 ? 50 : 1;
                var chunk = data.GetRange(from, length);
                for (var t = 0; t < times; t++)
                {
                    data.InsertRange(from, chunk);
                }

                break;
            case 4:
            case 5:
                data.InsertRange(_random.Next(data.Count + 1), Pick(Fragments));
                break;
            case 6:
            case 7:
                RenameTag(data);
                break;
            case 8:
            case 9:
                ReplaceText(data);
                break;
            case 10 when data.Count > 0:
                var cut = _random.Next(data.Count);
                data.RemoveRange(cut, data.Count - cut);
                break;
            default:
                var other = corpus[_random.Next(corpus.Count)];
                var keepHead = _random.Next(data.Count + 1);
                var tailFrom = _random.Next(other.Length + 1);
                data.RemoveRange(keepHead, data.Count - keepHead);
                data.AddRange(other.AsSpan(tailFrom).ToArray());
                break;
        }
    }

    /// <summary>Replaces the name of a random start or end tag by another XML-RPC (or not) name.</summary>
    private void RenameTag(List<byte> data)
    {
        var opens = Positions(data, (byte)'<');
        if (opens.Count == 0)
        {
            return;
        }

        var at = opens[_random.Next(opens.Count)] + 1;
        if (at < data.Count && data[at] == (byte)'/')
        {
            at++;
        }

        var end = at;
        while (end < data.Count && (char.IsAsciiLetterOrDigit((char)data[end]) || data[end] is (byte)'.' or (byte)':' or (byte)'_'))
        {
            end++;
        }

        data.RemoveRange(at, end - at);
        data.InsertRange(at, Encoding.ASCII.GetBytes(Pick(TagNames)));
    }

    /// <summary>Replaces a <c>&lt;value&gt;</c> up to the next <c>&lt;/value&gt;</c> with one of <see cref="Values"/>.</summary>
    private void ReplaceValue(List<byte> data)
    {
        var starts = Positions(data, "<value>"u8);
        if (starts.Count == 0)
        {
            return;
        }

        var start = starts[_random.Next(starts.Count)];
        var end = Positions(data, "</value>"u8).FirstOrDefault(p => p > start, -1);
        if (end < 0)
        {
            return;
        }

        data.RemoveRange(start, end + "</value>".Length - start);
        data.InsertRange(start, Pick(Values));
    }

    /// <summary>Replaces the text between a '&gt;' and the next '&lt;' (an id, a method name, a number...), mostly text that is not just a line break.</summary>
    private void ReplaceText(List<byte> data)
    {
        var closes = Positions(data, (byte)'>');
        var withText = closes.Where(p => p + 1 < data.Count && data[p + 1] is not ((byte)'<' or (byte)'\n')).ToList();
        if (withText.Count > 0 && _random.Next(5) > 0)
        {
            closes = withText;
        }

        if (closes.Count == 0)
        {
            return;
        }

        var at = closes[_random.Next(closes.Count)] + 1;
        var end = at;
        while (end < data.Count && data[end] != (byte)'<')
        {
            end++;
        }

        data.RemoveRange(at, end - at);
        data.InsertRange(at, Pick(Texts));
    }

    private static List<int> Positions(List<byte> data, ReadOnlySpan<byte> value)
    {
        var positions = new List<int>();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data);
        for (var offset = 0; ;)
        {
            var found = span[offset..].IndexOf(value);
            if (found < 0)
            {
                return positions;
            }

            positions.Add(offset + found);
            offset += found + 1;
        }
    }

    private static List<int> Positions(List<byte> data, byte value)
    {
        var positions = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] == value)
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}

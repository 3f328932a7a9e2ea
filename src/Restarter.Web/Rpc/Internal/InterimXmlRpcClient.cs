using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml;
using Restarter.XmlRpc;

namespace Restarter.Web.Rpc.Internal;

/// <summary>
/// A deliberately small XML-RPC client for the four calls of <see cref="IRestarterRpc"/>, used until
/// Restarter.XmlRpc's own client is available to this project. Writes string and int parameters; reads every value
/// type into the shared value model with DTDs prohibited. Throws <see cref="HttpRequestException"/> for transport
/// errors and non-200 statuses, <see cref="XmlRpcFaultException"/> for faults and <see cref="FormatException"/> for
/// anything that is not an XML-RPC response.
/// </summary>
internal sealed class InterimXmlRpcClient(HttpClient httpClient, Uri address, AuthenticationHeaderValue? authorization)
{
    private const int MaxDepth = 32;

    public async Task<XmlRpcValue> InvokeAsync(string method, IReadOnlyList<XmlRpcValue> args, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new StringContent(WriteCall(method, args), Encoding.UTF8, "text/xml"),
        };
        request.Headers.Authorization = authorization;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private static string WriteCall(string method, IReadOnlyList<XmlRpcValue> args)
    {
        var xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
        xml.Append(SecurityElement.Escape(method)).Append("</methodName>\n<params>\n");
        foreach (var arg in args)
        {
            xml.Append("<param>\n<value>");
            xml.Append(arg switch
            {
                XmlRpcString s => "<string>" + SecurityElement.Escape(s.Value) + "</string>",
                XmlRpcInteger i => "<int>" + i.Value.ToString(CultureInfo.InvariantCulture) + "</int>",
                XmlRpcBoolean b => "<boolean>" + (b.Value ? "1" : "0") + "</boolean>",
                _ => throw new NotSupportedException($"The interim client does not write {arg.Kind} parameters."),
            });
            xml.Append("</value>\n</param>\n");
        }

        return xml.Append("</params>\n</methodCall>\n").ToString();
    }

    private static async Task<XmlRpcValue> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = 16 * 1024 * 1024,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            await reader.MoveToContentAsync().ConfigureAwait(false);
            Expect(reader, "methodResponse");
            await NextElementAsync(reader).ConfigureAwait(false);
            if (reader.LocalName == "fault")
            {
                await NextElementAsync(reader).ConfigureAwait(false);
                var fault = await ReadValueAsync(reader, 0, cancellationToken).ConfigureAwait(false) as XmlRpcStruct
                    ?? throw new FormatException("A fault must carry a struct.");
                var code = fault.TryGetValue("faultCode", out var c) && c is XmlRpcInteger ci ? (int)ci.Value : 0;
                var text = fault.TryGetValue("faultString", out var s) ? s.ToString() ?? string.Empty : string.Empty;
                throw new XmlRpcFaultException(code, text);
            }

            Expect(reader, "params");
            await NextElementAsync(reader).ConfigureAwait(false);
            Expect(reader, "param");
            await NextElementAsync(reader).ConfigureAwait(false);
            return await ReadValueAsync(reader, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException e)
        {
            throw new FormatException("The answer is not well-formed XML: " + e.Message, e);
        }
    }

    // Positioned on <value>; returns positioned after </value>.
    private static async Task<XmlRpcValue> ReadValueAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
        {
            throw new FormatException("Values are nested too deeply.");
        }

        Expect(reader, "value");
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return new XmlRpcString(string.Empty);
        }

        await reader.ReadAsync().ConfigureAwait(false);
        var text = new StringBuilder();
        while (reader.NodeType is XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA)
        {
            text.Append(reader.Value);
            await reader.ReadAsync().ConfigureAwait(false);
        }

        XmlRpcValue value;
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            value = new XmlRpcString(text.ToString());
        }
        else
        {
            value = await ReadTypedAsync(reader, depth, cancellationToken).ConfigureAwait(false);
            await SkipWhitespaceAsync(reader).ConfigureAwait(false);
        }

        if (reader.NodeType != XmlNodeType.EndElement || reader.LocalName != "value")
        {
            throw new FormatException("Expected </value>.");
        }

        await reader.ReadAsync().ConfigureAwait(false);
        await SkipWhitespaceAsync(reader).ConfigureAwait(false);
        return value;
    }

    // Positioned on the type element; returns positioned after its end.
    private static async Task<XmlRpcValue> ReadTypedAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new FormatException("Expected a value type element.");
        }

        var type = reader.LocalName;
        switch (type)
        {
            case "struct":
                return await ReadStructAsync(reader, depth, cancellationToken).ConfigureAwait(false);
            case "array":
                return await ReadArrayAsync(reader, depth, cancellationToken).ConfigureAwait(false);
            case "nil":
                await reader.SkipAsync().ConfigureAwait(false);
                return XmlRpcNil.Instance;
        }

        var content = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);

        var trimmed = content.Trim();
        return type switch
        {
            "string" => new XmlRpcString(content),
            "int" or "i4" or "i8" => new XmlRpcInteger(long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{trimmed}' is not an integer.")),
            "boolean" => trimmed switch { "1" => XmlRpcBoolean.True, "0" => XmlRpcBoolean.False, _ => throw new FormatException($"'{trimmed}' is not a boolean.") },
            "double" => new XmlRpcDouble(double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new FormatException($"'{trimmed}' is not a double.")),
            "dateTime.iso8601" => new XmlRpcDateTime(DateTime.TryParseExact(trimmed, ["yyyyMMdd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : throw new FormatException($"'{trimmed}' is not a dateTime.iso8601.")),
            "base64" => new XmlRpcBase64(Convert.FromBase64String(trimmed)),
            _ => throw new FormatException($"<{type}> is not an XML-RPC type."),
        };
    }

    private static async Task<XmlRpcStruct> ReadStructAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        var result = new XmlRpcStruct();
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return result;
        }

        await NextElementOrEndAsync(reader).ConfigureAwait(false);
        while (reader.NodeType == XmlNodeType.Element)
        {
            Expect(reader, "member");
            await NextElementAsync(reader).ConfigureAwait(false);
            Expect(reader, "name");
            var name = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
            await SkipWhitespaceAsync(reader).ConfigureAwait(false);
            result[name] = await ReadValueAsync(reader, depth + 1, cancellationToken).ConfigureAwait(false);
            EndOf(reader, "member");
            await reader.ReadAsync().ConfigureAwait(false);
            await SkipWhitespaceAsync(reader).ConfigureAwait(false);
        }

        EndOf(reader, "struct");
        await reader.ReadAsync().ConfigureAwait(false);
        return result;
    }

    private static async Task<XmlRpcArray> ReadArrayAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        var result = new XmlRpcArray();
        await NextElementAsync(reader).ConfigureAwait(false);
        Expect(reader, "data");
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
        }
        else
        {
            await NextElementOrEndAsync(reader).ConfigureAwait(false);
            while (reader.NodeType == XmlNodeType.Element)
            {
                result.Add(await ReadValueAsync(reader, depth + 1, cancellationToken).ConfigureAwait(false));
            }

            EndOf(reader, "data");
            await reader.ReadAsync().ConfigureAwait(false);
        }

        await SkipWhitespaceAsync(reader).ConfigureAwait(false);
        EndOf(reader, "array");
        await reader.ReadAsync().ConfigureAwait(false);
        return result;
    }

    private static async Task NextElementAsync(XmlReader reader)
    {
        await NextElementOrEndAsync(reader).ConfigureAwait(false);
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new FormatException("Expected an element.");
        }
    }

    private static async Task NextElementOrEndAsync(XmlReader reader)
    {
        await reader.ReadAsync().ConfigureAwait(false);
        await SkipWhitespaceAsync(reader).ConfigureAwait(false);
    }

    private static async Task SkipWhitespaceAsync(XmlReader reader)
    {
        while (reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            await reader.ReadAsync().ConfigureAwait(false);
        }
    }

    private static void Expect(XmlReader reader, string name)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != name)
        {
            throw new FormatException($"Expected <{name}>, found {reader.NodeType} '{reader.LocalName}'.");
        }
    }

    private static void EndOf(XmlReader reader, string name)
    {
        if (reader.NodeType != XmlNodeType.EndElement || reader.LocalName != name)
        {
            throw new FormatException($"Expected </{name}>, found {reader.NodeType} '{reader.LocalName}'.");
        }
    }
}

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The XML-RPC grammar over <see cref="XmlRpcTokenReader"/>: method calls, method responses and values. Nested arrays
/// and structs are read with an explicit stack, never by recursion, so depth is bounded only by
/// <see cref="XmlRpcReaderOptions.MaxDepth"/>. Anything the grammar does not expect is an <see cref="XmlRpcFormatException"/>.
/// </summary>
internal sealed class XmlRpcDocumentReader(XmlRpcTokenReader tokens, XmlRpcReaderOptions options, CancellationToken cancellationToken)
{
    private int _valueCount;

    public async ValueTask<XmlRpcMethodCall> ReadMethodCallAsync()
    {
        await ExpectRootAsync("methodCall").ConfigureAwait(false);
        await ExpectStartAsync("methodName").ConfigureAwait(false);
        var methodName = await ReadTextContentAsync("methodName").ConfigureAwait(false);

        var parameters = new List<XmlRpcValue>();
        var next = await NextSignificantAsync().ConfigureAwait(false);
        if (IsStart(next, "params"))
        {
            while (IsStart(await NextSignificantAsync().ConfigureAwait(false), "param"))
            {
                await ExpectStartAsync("value").ConfigureAwait(false);
                parameters.Add(await ReadValueAsync().ConfigureAwait(false));
                await ExpectEndAsync("param").ConfigureAwait(false);
            }

            ExpectCurrentEnd("params");
            next = await NextSignificantAsync().ConfigureAwait(false);
        }

        ExpectCurrentEnd("methodCall", next);
        await ExpectEndOfDocumentAsync().ConfigureAwait(false);
        return new XmlRpcMethodCall(methodName, parameters);
    }

    public async ValueTask<XmlRpcMethodResponse> ReadMethodResponseAsync()
    {
        await ExpectRootAsync("methodResponse").ConfigureAwait(false);
        XmlRpcMethodResponse response;
        var next = await NextSignificantAsync().ConfigureAwait(false);
        if (IsStart(next, "params"))
        {
            await ExpectStartAsync("param").ConfigureAwait(false);
            await ExpectStartAsync("value").ConfigureAwait(false);
            response = XmlRpcMethodResponse.Success(await ReadValueAsync().ConfigureAwait(false));
            await ExpectEndAsync("param").ConfigureAwait(false);
            await ExpectEndAsync("params").ConfigureAwait(false);
        }
        else if (IsStart(next, "fault"))
        {
            await ExpectStartAsync("value").ConfigureAwait(false);
            response = XmlRpcMethodResponse.FromFault(ToFault(await ReadValueAsync().ConfigureAwait(false)));
            await ExpectEndAsync("fault").ConfigureAwait(false);
        }
        else
        {
            throw Unexpected("<params> or <fault>");
        }

        await ExpectEndAsync("methodResponse").ConfigureAwait(false);
        await ExpectEndOfDocumentAsync().ConfigureAwait(false);
        return response;
    }

    /// <summary>Reads one value; the <c>&lt;value&gt;</c> start tag has just been read. Consumes its end tag.</summary>
    private async ValueTask<XmlRpcValue> ReadValueAsync()
    {
        var open = new List<OpenContainer>();
        while (true)
        {
            // The start tag of a <value> has just been read: read its content.
            CountValue();
            XmlRpcValue? completed = null;
            string? leadingText = null;
            var token = await tokens.ReadAsync().ConfigureAwait(false);
            if (token == XmlRpcTokenKind.Text)
            {
                leadingText = tokens.Text;
                token = await tokens.ReadAsync().ConfigureAwait(false);
            }

            if (IsEnd(token, "value"))
            {
                // A <value> without a type element is a string, whitespace and all.
                completed = new XmlRpcString(leadingText ?? "");
            }
            else if (token == XmlRpcTokenKind.StartElement)
            {
                if (leadingText is not null && !XmlRpcScalarParser.IsXmlWhitespace(leadingText))
                {
                    throw Invalid($"<value> mixes text with a <{tokens.Name}> element.");
                }

                var elementName = tokens.Name;
                if (!XmlRpcTypeTags.TryGet(elementName, out var tag))
                {
                    throw Invalid($"<{elementName}> is not an XML-RPC type.");
                }

                switch (tag)
                {
                    case XmlRpcTypeTag.Array:
                        CheckDepth(open.Count);
                        await ExpectStartAsync("data").ConfigureAwait(false);
                        open.Add(new OpenContainer(new XmlRpcArray()));
                        break;
                    case XmlRpcTypeTag.Struct:
                        CheckDepth(open.Count);
                        open.Add(new OpenContainer(new XmlRpcStruct()));
                        break;
                    default:
                        var text = await ReadTextContentAsync(elementName).ConfigureAwait(false);
                        completed = XmlRpcScalarParser.Parse(tag, elementName, text, options);
                        await ExpectEndAsync("value").ConfigureAwait(false);
                        break;
                }
            }
            else
            {
                throw Unexpected("a type element or </value>");
            }

            // Attach finished values to their containers and close containers until another <value> starts.
            while (true)
            {
                if (completed is not null)
                {
                    if (open.Count == 0)
                    {
                        return completed;
                    }

                    var parent = open[^1];
                    if (parent.Array is not null)
                    {
                        parent.Array.Add(completed);
                    }
                    else
                    {
                        // Repeated member names: the last one wins, as in a Python dict.
                        parent.Struct![parent.MemberName!] = completed;
                        await ExpectEndAsync("member").ConfigureAwait(false);
                    }

                    completed = null;
                }

                var top = open[^1];
                var next = await NextSignificantAsync().ConfigureAwait(false);
                if (top.Array is not null)
                {
                    if (IsStart(next, "value"))
                    {
                        break;
                    }

                    ExpectCurrentEnd("data", next);
                    await ExpectEndAsync("array").ConfigureAwait(false);
                    await ExpectEndAsync("value").ConfigureAwait(false);
                    completed = top.Array;
                    open.RemoveAt(open.Count - 1);
                }
                else
                {
                    if (IsStart(next, "member"))
                    {
                        CountValue();
                        await ExpectStartAsync("name").ConfigureAwait(false);
                        top.MemberName = await ReadTextContentAsync("name").ConfigureAwait(false);
                        await ExpectStartAsync("value").ConfigureAwait(false);
                        break;
                    }

                    ExpectCurrentEnd("struct", next);
                    await ExpectEndAsync("value").ConfigureAwait(false);
                    completed = top.Struct!;
                    open.RemoveAt(open.Count - 1);
                }
            }
        }
    }

    private static XmlRpcFault ToFault(XmlRpcValue value)
    {
        if (value is XmlRpcStruct fault
            && fault.TryGetValue("faultCode", out var code) && code is XmlRpcInteger { FitsInt32: true } faultCode
            && fault.TryGetValue("faultString", out var text) && text is XmlRpcString faultString)
        {
            return new XmlRpcFault((int)faultCode.Value, faultString.Value);
        }

        throw Invalid("<fault> must hold a struct with an int faultCode and a string faultString.");
    }

    /// <summary>Reads the text of a scalar or name element up to and including its end tag.</summary>
    private async ValueTask<string> ReadTextContentAsync(string elementName)
    {
        var token = await tokens.ReadAsync().ConfigureAwait(false);
        var text = "";
        if (token == XmlRpcTokenKind.Text)
        {
            text = tokens.Text;
            token = await tokens.ReadAsync().ConfigureAwait(false);
        }

        if (!IsEnd(token, elementName))
        {
            throw token == XmlRpcTokenKind.StartElement
                ? Invalid($"<{elementName}> may hold only text, not <{tokens.Name}>.")
                : Unexpected($"</{elementName}>");
        }

        return text;
    }

    private async ValueTask ExpectRootAsync(string name)
    {
        var token = await NextSignificantAsync().ConfigureAwait(false);
        if (!IsStart(token, name))
        {
            throw token == XmlRpcTokenKind.StartElement
                ? Invalid($"The root element is <{tokens.Name}>; expected <{name}>.")
                : Unexpected($"<{name}>");
        }
    }

    private async ValueTask ExpectStartAsync(string name)
    {
        if (!IsStart(await NextSignificantAsync().ConfigureAwait(false), name))
        {
            throw Unexpected($"<{name}>");
        }
    }

    private async ValueTask ExpectEndAsync(string name) => ExpectCurrentEnd(name, await NextSignificantAsync().ConfigureAwait(false));

    private void ExpectCurrentEnd(string name) => ExpectCurrentEnd(name, tokens.Kind);

    private void ExpectCurrentEnd(string name, XmlRpcTokenKind token)
    {
        if (!IsEnd(token, name))
        {
            throw Unexpected($"</{name}>");
        }
    }

    /// <summary>Reads to the end of the stream, so that trailing junk after the root is detected.</summary>
    private async ValueTask ExpectEndOfDocumentAsync()
    {
        if (await NextSignificantAsync().ConfigureAwait(false) != XmlRpcTokenKind.EndOfDocument)
        {
            throw Invalid("The document continues after its root element.");
        }
    }

    /// <summary>The next token that is not whitespace between tags; text that is not whitespace is an error there.</summary>
    private async ValueTask<XmlRpcTokenKind> NextSignificantAsync()
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = await tokens.ReadAsync().ConfigureAwait(false);
        if (token == XmlRpcTokenKind.Text)
        {
            if (!tokens.IsWhitespace)
            {
                throw Invalid($"Unexpected text '{Abbreviate(tokens.Text)}' between elements.");
            }

            token = await tokens.ReadAsync().ConfigureAwait(false);
        }

        return token;
    }

    private bool IsStart(XmlRpcTokenKind token, string name) =>
        token == XmlRpcTokenKind.StartElement && string.Equals(tokens.Name, name, StringComparison.Ordinal);

    private bool IsEnd(XmlRpcTokenKind token, string name) =>
        token == XmlRpcTokenKind.EndElement && string.Equals(tokens.Name, name, StringComparison.Ordinal);

    private void CountValue()
    {
        if (++_valueCount > options.MaxValues)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.LimitExceeded, $"The document holds more than {options.MaxValues} values and members.");
        }
    }

    private void CheckDepth(int openContainers)
    {
        if (openContainers >= options.MaxDepth)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.LimitExceeded, $"Arrays and structs nest deeper than {options.MaxDepth} levels.");
        }
    }

    private XmlRpcFormatException Unexpected(string expected)
    {
        var found = tokens.Kind switch
        {
            XmlRpcTokenKind.StartElement => $"<{tokens.Name}>",
            XmlRpcTokenKind.EndElement => $"</{tokens.Name}>",
            XmlRpcTokenKind.Text => $"text '{Abbreviate(tokens.Text)}'",
            _ => "the end of the document",
        };
        return Invalid($"Expected {expected} but found {found}.");
    }

    private static XmlRpcFormatException Invalid(string message) => new(XmlRpcFormatError.InvalidDocument, message);

    private static string Abbreviate(string text) => XmlTextValidator.Abbreviate(text);

    /// <summary>An array or struct whose end tag has not been read yet.</summary>
    private sealed class OpenContainer
    {
        public OpenContainer(XmlRpcArray array) => Array = array;

        public OpenContainer(XmlRpcStruct @struct) => Struct = @struct;

        public XmlRpcArray? Array { get; }

        public XmlRpcStruct? Struct { get; }

        public string? MemberName { get; set; }
    }
}

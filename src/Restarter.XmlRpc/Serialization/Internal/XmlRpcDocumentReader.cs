namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The XML-RPC grammar over an <see cref="IXmlRpcTokenReader"/>: method calls, method responses and values. Nested arrays
/// and structs are read with an explicit stack, never by recursion, so depth is bounded only by
/// <see cref="XmlRpcReaderOptions.MaxDepth"/>. Anything the grammar does not expect is an <see cref="XmlRpcFormatException"/>.
/// Synchronous: <see cref="BufferedDocument"/> has the whole document in memory before this starts (the async state
/// machines of one await per token were 15% of reading the 36 KB echo document). Generic so that a struct token
/// reader is called directly, not through the interface.
/// </summary>
internal sealed class XmlRpcDocumentReader<TTokens>(TTokens tokens, XmlRpcReaderOptions options, CancellationToken cancellationToken)
    where TTokens : IXmlRpcTokenReader
{
    private int _valueCount;

    public XmlRpcMethodCall ReadMethodCall()
    {
        ExpectRoot("methodCall");
        ExpectStart("methodName");
        var methodName = ReadTextContent("methodName");

        var parameters = new List<XmlRpcValue>();
        var next = NextSignificant();
        if (IsStart(next, "params"))
        {
            while (IsStart(NextSignificant(), "param"))
            {
                ExpectStart("value");
                parameters.Add(ReadValue());
                ExpectEnd("param");
            }

            ExpectCurrentEnd("params");
            next = NextSignificant();
        }

        ExpectCurrentEnd("methodCall", next);
        ExpectEndOfDocument();
        return new XmlRpcMethodCall(methodName, parameters);
    }

    public XmlRpcMethodResponse ReadMethodResponse()
    {
        ExpectRoot("methodResponse");
        XmlRpcMethodResponse response;
        var next = NextSignificant();
        if (IsStart(next, "params"))
        {
            ExpectStart("param");
            ExpectStart("value");
            response = XmlRpcMethodResponse.Success(ReadValue());
            ExpectEnd("param");
            ExpectEnd("params");
        }
        else if (IsStart(next, "fault"))
        {
            ExpectStart("value");
            response = XmlRpcMethodResponse.FromFault(ToFault(ReadValue()));
            ExpectEnd("fault");
        }
        else
        {
            throw Unexpected("<params> or <fault>");
        }

        ExpectEnd("methodResponse");
        ExpectEndOfDocument();
        return response;
    }

    /// <summary>Reads one value; the <c>&lt;value&gt;</c> start tag has just been read. Consumes its end tag.</summary>
    private XmlRpcValue ReadValue()
    {
        var open = new List<OpenContainer>();
        while (true)
        {
            // The start tag of a <value> has just been read: read its content.
            CountValue();
            XmlRpcValue? completed = null;
            string? leadingText = null;
            var token = tokens.Read();
            if (token == XmlRpcTokenKind.Text)
            {
                leadingText = tokens.Text;
                token = tokens.Read();
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
                        ExpectStart("data");
                        open.Add(new OpenContainer(new XmlRpcArray()));
                        break;
                    case XmlRpcTypeTag.Struct:
                        CheckDepth(open.Count);
                        open.Add(new OpenContainer(new XmlRpcStruct()));
                        break;
                    default:
                        completed = ReadScalar(tag, elementName);
                        ExpectEnd("value");
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
                        ExpectEnd("member");
                    }

                    completed = null;
                }

                var top = open[^1];
                var next = NextSignificant();
                if (top.Array is not null)
                {
                    if (IsStart(next, "value"))
                    {
                        break;
                    }

                    ExpectCurrentEnd("data", next);
                    ExpectEnd("array");
                    ExpectEnd("value");
                    completed = top.Array;
                    open.RemoveAt(open.Count - 1);
                }
                else
                {
                    if (IsStart(next, "member"))
                    {
                        CountValue();
                        ExpectStart("name");
                        top.MemberName = ReadTextContent("name");
                        ExpectStart("value");
                        break;
                    }

                    ExpectCurrentEnd("struct", next);
                    ExpectEnd("value");
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
    private string ReadTextContent(string elementName)
    {
        var token = tokens.Read();
        var text = "";
        if (token == XmlRpcTokenKind.Text)
        {
            text = tokens.Text;
            token = tokens.Read();
        }

        ExpectTextOnlyEnd(elementName, token);
        return text;
    }

    /// <summary>
    /// Reads a scalar element's text up to and including its end tag, then its value: a number, boolean or date
    /// straight from the document's bytes when the token reader has them, else from the text.
    /// </summary>
    private XmlRpcValue ReadScalar(XmlRpcTypeTag tag, string elementName)
    {
        var token = tokens.Read();
        var text = "";
        ReadOnlySpan<byte> utf8 = default;
        var fromBytes = false;
        if (token == XmlRpcTokenKind.Text)
        {
            fromBytes = XmlRpcUtf8ScalarParser.Handles(tag) && tokens.TryGetUtf8Text(out utf8);
            if (!fromBytes)
            {
                text = tokens.Text;
            }

            token = tokens.Read();
        }

        ExpectTextOnlyEnd(elementName, token);
        if (fromBytes)
        {
            if (XmlRpcUtf8ScalarParser.TryParse(tag, utf8, options) is { } value)
            {
                return value;
            }

            text = System.Text.Encoding.UTF8.GetString(utf8);
        }

        return XmlRpcScalarParser.Parse(tag, elementName, text, options);
    }

    private void ExpectTextOnlyEnd(string elementName, XmlRpcTokenKind token)
    {
        if (!IsEnd(token, elementName))
        {
            throw token == XmlRpcTokenKind.StartElement
                ? Invalid($"<{elementName}> may hold only text, not <{tokens.Name}>.")
                : Unexpected($"</{elementName}>");
        }
    }

    private void ExpectRoot(string name)
    {
        var token = NextSignificant();
        if (!IsStart(token, name))
        {
            throw token == XmlRpcTokenKind.StartElement
                ? Invalid($"The root element is <{tokens.Name}>; expected <{name}>.")
                : Unexpected($"<{name}>");
        }
    }

    private void ExpectStart(string name)
    {
        if (!IsStart(NextSignificant(), name))
        {
            throw Unexpected($"<{name}>");
        }
    }

    private void ExpectEnd(string name) => ExpectCurrentEnd(name, NextSignificant());

    private void ExpectCurrentEnd(string name) => ExpectCurrentEnd(name, tokens.Kind);

    private void ExpectCurrentEnd(string name, XmlRpcTokenKind token)
    {
        if (!IsEnd(token, name))
        {
            throw Unexpected($"</{name}>");
        }
    }

    /// <summary>Reads to the end of the stream, so that trailing junk after the root is detected.</summary>
    private void ExpectEndOfDocument()
    {
        if (NextSignificant() != XmlRpcTokenKind.EndOfDocument)
        {
            throw Invalid("The document continues after its root element.");
        }
    }

    /// <summary>The next token that is not whitespace between tags; text that is not whitespace is an error there.</summary>
    private XmlRpcTokenKind NextSignificant()
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = tokens.ReadSignificant();
        return token == XmlRpcTokenKind.Text
            ? throw Invalid($"Unexpected text '{Abbreviate(tokens.Text)}' between elements.")
            : token;
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

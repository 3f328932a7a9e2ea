using System.Globalization;
using System.Text;
using Restarter.XmlRpc;

namespace ClientProbe;

/// <summary>
/// What one foreign server does with what we send: the struct its <c>echo</c> can carry, the answer expected back
/// (each change is that stack's own, measured, and named in <see cref="Note"/>), and how it reports faults.
/// </summary>
internal sealed record StackProfile(
    string Name,
    XmlRpcStruct Sent,
    Func<XmlRpcValue, XmlRpcValue> Echoed,
    string Note,
    bool UnknownMethodIs404 = false,
    bool FaultCodesMayBeStrings = false,
    bool HasMulticall = false)
{
    public static StackProfile? For(string stack) => stack switch
    {
        "c" => new("c", EveryType.Build(nonBmpCharacters: false), v => v,
            "our client → xmlrpc-c: characters beyond the Basic Multilingual Plane are left out (xmlrpc-c refuses them, theirs)",
            HasMulticall: true),
        "node" => new("node", EveryType.Build(hugeDouble: false), v => v switch
            {
                XmlRpcInteger { FitsInt32: false } i => new XmlRpcString(i.Value.ToString(CultureInfo.InvariantCulture)),
                XmlRpcDouble { Value: var d } when d == Math.Floor(d) => new XmlRpcInteger((long)d),
                _ => v,
            },
            "our client → Node: integers beyond 32 bits come back as strings (Node reads <i8> as a string), integral doubles as <int> (2.0 as 2), 1e100 is left out (Node would answer <int>1e+100</int>), and an unknown method is HTTP 404 (theirs)",
            UnknownMethodIs404: true),
        "perl" => new("perl", EveryType.Build(i8: false, nonAscii: false), v => v switch
            {
                XmlRpcBoolean b => new XmlRpcInteger(b.Value ? 1 : 0),
                XmlRpcNil => new XmlRpcString(""),
                XmlRpcBase64 { Value.Length: 0 } => new XmlRpcString(""),
                _ => v,
            },
            "our client → XMLRPC::Lite: booleans come back as <int>, nil and empty base64 as empty strings (Perl re-types untyped scalars), <i8> and non-ASCII strings are left out (it does not read <i8>, and its type guessing takes any non-ASCII string for base64 and dies on wide characters), and faults it raises itself carry a string faultCode ('Client', 'Server'), which our client reports as an XmlRpcFormatException (theirs)",
            FaultCodesMayBeStrings: true),
        "ruby" => new("ruby", EveryType.Build(binaryBase64: false), v => v switch
            {
                XmlRpcBase64 b => new XmlRpcString(Encoding.UTF8.GetString(b.Value.Span)),
                _ => v,
            },
            "our client → ruby-xmlrpc: base64 comes back as <string> (it decodes base64 to a String and sends Strings as <string>), so only printable bytes are sent: bytes XML cannot carry would make its answer unreadable (theirs)"),
        "php" => new("php", EveryType.Build(i8: false), v => v switch
            {
                // xmlrpc-epi writes doubles with "%f": six decimals.
                XmlRpcDouble d => new XmlRpcDouble(double.Parse(d.Value.ToString("F6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
                XmlRpcNil => new XmlRpcString(""),
                XmlRpcStruct { Count: 0 } => new XmlRpcArray(),
                _ => v,
            },
            "our client → xmlrpc-epi: doubles come back with six decimals (3.141593), nil as an empty string, an empty struct as an empty array, <i8> is left out (it does not read it) (theirs)"),
        _ => null,
    };
}

using Restarter.XmlRpc;

namespace ClientProbe;

/// <summary>
/// A struct holding every XML-RPC type, as far as the foreign server can carry it, and the answer expected back from
/// its <c>echo</c>: what we sent, changed only by that stack's own, named, behaviour.
/// </summary>
internal static class EveryType
{
    /// <summary>The struct sent; the switches leave out what a stack cannot carry at all.</summary>
    public static XmlRpcStruct Build(bool nonBmpCharacters = true, bool hugeDouble = true, bool i8 = true, bool binaryBase64 = true, bool nonAscii = true)
    {
        var value = new XmlRpcStruct()
            .Add("int", 42).Add("int_min", int.MinValue).Add("int_max", int.MaxValue);
        if (i8)
        {
            value.Add("i8", 9_007_199_254_740_993L).Add("i8_min", long.MinValue);
        }

        value.Add("true", true).Add("false", false)
            .Add("string", "plain").Add("markup", "<a href=\"x\">&amp;</a> ]]> 'quoted'");
        if (nonAscii)
        {
            value.Add("unicode", nonBmpCharacters ? "Grüße, 東京, 🚀" : "Grüße, 東京");
        }

        return value
            .Add("empty_string", "").Add("whitespace", "  leading, tab\t and newline\n  ")
            .Add("double", 3.141592653589793).Add("double_negative", -0.5).Add("double_tenth", 0.1).Add("double_integral", 2.0)
            .Add(hugeDouble ? "double_big" : "double_thousand", hugeDouble ? 1e100 : 1000.5)
            .Add("datetime", new DateTime(2026, 11, 28, 12, 34, 56))
            .Add("base64", binaryBase64 ? Enumerable.Range(0, 256).Select(i => (byte)i).ToArray() : "restart me"u8.ToArray())
            .Add("base64_empty", Array.Empty<byte>())
            .Add("nil", XmlRpcValue.Nil)
            .Add("array", new XmlRpcArray().Add(1).Add("two").Add(3.5).Add(true).Add(XmlRpcValue.Nil).Add(new XmlRpcArray()).Add(new XmlRpcStruct()))
            .Add("empty_array", new XmlRpcArray()).Add("empty_struct", new XmlRpcStruct())
            .Add("nested", Nested());
    }

    private static XmlRpcStruct Nested()
    {
        var deepest = new XmlRpcArray().Add(new XmlRpcArray().Add(new XmlRpcArray().Add(1)));
        var leaf = new XmlRpcStruct().Add("d", "deep").Add("e", deepest);
        return new XmlRpcStruct().Add("a", new XmlRpcStruct().Add("b", new XmlRpcStruct().Add("c", new XmlRpcArray().Add(leaf))));
    }

    /// <summary>Applies <paramref name="change"/> to every value, children before their container, keeping struct order.</summary>
    public static XmlRpcValue Map(XmlRpcValue value, Func<XmlRpcValue, XmlRpcValue> change) => change(value switch
    {
        XmlRpcStruct s => new XmlRpcStruct(s.Select(m => KeyValuePair.Create(m.Key, Map(m.Value, change)))),
        XmlRpcArray a => new XmlRpcArray(a.Select(item => Map(item, change))),
        _ => value,
    });

    /// <summary>The first difference between what was expected and what came back, with its path, or null.</summary>
    public static string? Difference(XmlRpcValue want, XmlRpcValue got, string path = "$")
    {
        switch (want)
        {
            case XmlRpcStruct ws when got is XmlRpcStruct gs:
                if (ws.Count != gs.Count)
                {
                    return $"{path}: members [{string.Join(", ", ws.Select(m => m.Key))}] came back as [{string.Join(", ", gs.Select(m => m.Key))}]";
                }

                foreach (var (name, value) in ws)
                {
                    if (!gs.TryGetValue(name, out var other))
                    {
                        return $"{path}.{name}: missing";
                    }

                    if (Difference(value, other, $"{path}.{name}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case XmlRpcArray wa when got is XmlRpcArray ga:
                if (wa.Count != ga.Count)
                {
                    return $"{path}: {wa.Count} items came back as {ga.Count}";
                }

                for (var i = 0; i < wa.Count; i++)
                {
                    if (Difference(wa[i], ga[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                return want.Equals(got) ? null : $"{path}: {want.Kind} {Show(want)} came back as {got.Kind} {Show(got)}";
        }
    }

    private static string Show(XmlRpcValue value)
    {
        var text = value.ToString() ?? "";
        return text.Length <= 60 ? text : text[..60] + "...";
    }
}

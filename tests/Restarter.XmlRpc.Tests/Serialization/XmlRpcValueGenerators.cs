using FsCheck;
using FsCheck.Fluent;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>FsCheck generators of XML-RPC values: every kind, the extremes of each, unicode up to astral planes, nesting.</summary>
public static class XmlRpcValueGenerators
{
    private static readonly double[] SpecialDoubles =
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue,
        double.Epsilon, -double.Epsilon, 0.1, 0.2 + 0.1, 1e16, 1e15, 1e-4, 1e-5, 1e100, 1e-100, 1234.5, 123456789012345678.0,
        2.2250738585072014e-308, 9007199254740993.0, 1.0 / 3.0, 100.0, -1.5,
    ];

    private static readonly long[] SpecialIntegers =
    [
        0, 1, -1, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, (long)int.MinValue - 1, long.MaxValue, long.MinValue,
    ];

    private static readonly string[] Fragments =
    [
        "a", "Z", "0", " ", "  ", "\t", "\n", "&", "<", ">", "&amp;", "]]>", "\"", "'", "é", "ü", "ß", "中文", "\u00a0",
        "\u2028", "\uFFFD", "😀", "𝄞", "\U0010FFFF", "restart_unit", "example@1234.service", "<![CDATA[x]]>", "<!--c-->",
    ];

    /// <summary>Every value kind. Strings may hold CR (which Python's own writer loses) when <paramref name="withCarriageReturn"/>.</summary>
    public static Gen<XmlRpcValue> Value(bool withCarriageReturn = true, bool pythonWritable = false) =>
        Gen.Sized(size => Value(size, withCarriageReturn, pythonWritable));

    public static Gen<string> Text(bool withCarriageReturn) =>
        Gen.OneOf(
                Gen.Elements(Fragments),
                Gen.Choose(0x20, 0xD7FF).Select(c => ((char)c).ToString()),
                Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32),
                Gen.Constant(withCarriageReturn ? "\r\n" : "\n"),
                Gen.Constant(withCarriageReturn ? "\r" : " "))
            .ListOf()
            .Select(parts => string.Concat(parts));

    public static Gen<double> Double() =>
        Gen.OneOf(
                Gen.Elements(SpecialDoubles),
                Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2)),
                Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(0, 8)).Select(t => t.Item1 / Math.Pow(10, t.Item2)))
            .Select(d => double.IsNaN(d) ? double.NaN : d);

    public static Gen<long> Integer(bool only32Bits) =>
        Gen.OneOf(
                Gen.Elements(SpecialIntegers),
                Gen.Choose(-1000, 1000).Select(i => (long)i),
                Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => ((long)t.Item1 << 32) | (uint)t.Item2))
            .Select(i => only32Bits ? (long)(int)i : i);

    public static Gen<DateTime> DateTime() =>
        from year in Gen.Elements(1, 1970, 1998, 2038, 9999).Or(Gen.Choose(1, 9999))
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 28)
        from hour in Gen.Choose(0, 23)
        from minute in Gen.Choose(0, 59)
        from second in Gen.Choose(0, 59)
        select new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);

    public static Gen<byte[]> Bytes() =>
        Gen.Choose(0, 300).SelectMany(length => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length));

    private static Gen<XmlRpcValue> Scalar(bool withCarriageReturn, bool pythonWritable) =>
        Gen.OneOf(
            Integer(pythonWritable).Select(i => (XmlRpcValue)new XmlRpcInteger(i)),
            Gen.Elements(true, false).Select(b => (XmlRpcValue)XmlRpcBoolean.From(b)),
            Text(withCarriageReturn).Select(s => (XmlRpcValue)new XmlRpcString(s)),
            Double().Select(d => (XmlRpcValue)new XmlRpcDouble(d)),
            DateTime().Select(d => (XmlRpcValue)new XmlRpcDateTime(d)),
            Bytes().Select(b => (XmlRpcValue)new XmlRpcBase64(b)),
            Gen.Constant(XmlRpcValue.Nil));

    private static Gen<XmlRpcValue> Value(int size, bool withCarriageReturn, bool pythonWritable)
    {
        if (size <= 1)
        {
            return Scalar(withCarriageReturn, pythonWritable);
        }

        var child = Gen.Sized(s => Value(s, withCarriageReturn, pythonWritable)).Resize(size / 2);
        var array = child.ListOf().Select(items => (XmlRpcValue)new XmlRpcArray(items));
        var members = Text(withCarriageReturn).Zip(child).ListOf();
        var @struct = members.Select(ms => (XmlRpcValue)new XmlRpcStruct(ms.Select(m => KeyValuePair.Create(m.Item1, m.Item2))));
        return Gen.Frequency((3, Scalar(withCarriageReturn, pythonWritable)), (1, array), (1, @struct));
    }
}

/// <summary>The arbitrary FsCheck.Xunit properties draw <see cref="XmlRpcValue"/>s from.</summary>
public static class XmlRpcArbitraries
{
    public static Arbitrary<XmlRpcValue> Values() => XmlRpcValueGenerators.Value().ToArbitrary();
}

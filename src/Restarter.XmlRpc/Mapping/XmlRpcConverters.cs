using Restarter.XmlRpc.Mapping.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// The built-in converters and the combinators that compose them. The source generator emits calls to these; code that
/// converts by hand (or a client deciding how to read a result) can use them too.
/// </summary>
/// <remarks>
/// Mapping: <c>int</c> ⇄ int/i4 (32 bits), <c>long</c> ⇄ int or i8, <c>bool</c> ⇄ boolean, <c>string</c> ⇄ string,
/// <c>double</c> ⇄ double (an int is accepted too), <c>DateTime</c> ⇄ dateTime.iso8601 (kind unspecified),
/// <c>DateTimeOffset</c> ⇄ dateTime.iso8601 in UTC, <c>byte[]</c> ⇄ base64, arrays and lists ⇄ array,
/// <c>Dictionary&lt;string, T&gt;</c> ⇄ struct, <c>T?</c> ⇄ nil or T, <see cref="XmlRpcValue"/> ⇄ any value (raw),
/// records and classes ⇄ struct (generated, see <see cref="IXmlRpcStruct{TSelf}"/>).
/// </remarks>
public static class XmlRpcConverters
{
    public static XmlRpcConverter<int> Int32 { get; } = new Int32Converter();

    public static XmlRpcConverter<long> Int64 { get; } = new Int64Converter();

    public static XmlRpcConverter<bool> Boolean { get; } = new BooleanConverter();

    public static XmlRpcConverter<string> String { get; } = new StringConverter();

    public static XmlRpcConverter<double> Double { get; } = new DoubleConverter();

    public static XmlRpcConverter<DateTime> DateTime { get; } = new DateTimeConverter();

    public static XmlRpcConverter<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetConverter();

    public static XmlRpcConverter<byte[]> Bytes { get; } = new BytesConverter();

    /// <summary>Any value, unconverted: for a parameter whose wire type matters to the method.</summary>
    public static XmlRpcConverter<XmlRpcValue> Value { get; } = new RawConverter<XmlRpcValue>(XmlRpcTypeNames.Any);

    public static XmlRpcConverter<XmlRpcStruct> Struct { get; } = new RawConverter<XmlRpcStruct>(XmlRpcTypeNames.Struct);

    public static XmlRpcConverter<XmlRpcArray> Array { get; } = new RawConverter<XmlRpcArray>(XmlRpcTypeNames.Array);

    public static XmlRpcConverter<T?> NullableOf<T>(XmlRpcConverter<T> inner)
        where T : struct => new NullableValueConverter<T>(inner);

    public static XmlRpcConverter<T?> NullableReferenceOf<T>(XmlRpcConverter<T> inner)
        where T : class => new NullableReferenceConverter<T>(inner);

    public static XmlRpcConverter<T[]> ArrayOf<T>(XmlRpcConverter<T> element) => new ArrayConverter<T>(element);

    public static XmlRpcConverter<List<T>> ListOf<T>(XmlRpcConverter<T> element) => new ListConverter<T>(element);

    public static XmlRpcConverter<IReadOnlyList<T>> ReadOnlyListOf<T>(XmlRpcConverter<T> element) =>
        new UpcastConverter<List<T>, IReadOnlyList<T>>(new ListConverter<T>(element), static v => v as List<T> ?? [.. v]);

    public static XmlRpcConverter<IList<T>> ListInterfaceOf<T>(XmlRpcConverter<T> element) =>
        new UpcastConverter<List<T>, IList<T>>(new ListConverter<T>(element), static v => v as List<T> ?? [.. v]);

    public static XmlRpcConverter<IEnumerable<T>> EnumerableOf<T>(XmlRpcConverter<T> element) =>
        new UpcastConverter<List<T>, IEnumerable<T>>(new ListConverter<T>(element), static v => v as List<T> ?? [.. v]);

    public static XmlRpcConverter<Dictionary<string, T>> DictionaryOf<T>(XmlRpcConverter<T> element) => new DictionaryConverter<T>(element);

    public static XmlRpcConverter<IReadOnlyDictionary<string, T>> ReadOnlyDictionaryOf<T>(XmlRpcConverter<T> element) =>
        new UpcastConverter<Dictionary<string, T>, IReadOnlyDictionary<string, T>>(
            new DictionaryConverter<T>(element), static v => v as Dictionary<string, T> ?? v.ToDictionary(StringComparer.Ordinal));

    public static XmlRpcConverter<IDictionary<string, T>> DictionaryInterfaceOf<T>(XmlRpcConverter<T> element) =>
        new UpcastConverter<Dictionary<string, T>, IDictionary<string, T>>(
            new DictionaryConverter<T>(element), static v => v as Dictionary<string, T> ?? new Dictionary<string, T>(v, StringComparer.Ordinal));

    /// <summary>The generated converter of a struct-shaped type, found at compile time through its static abstract member.</summary>
    public static XmlRpcConverter<T> ForStruct<T>()
        where T : IXmlRpcStruct<T> => T.XmlRpcConverter;

    /// <summary>
    /// The converter of a scalar or raw type known without generated code: int, long, bool, string, double, DateTime,
    /// DateTimeOffset, byte[], their nullable forms, <see cref="XmlRpcValue"/>, <see cref="XmlRpcStruct"/>, <see cref="XmlRpcArray"/>.
    /// The checks compare <c>typeof(T)</c> with constants, which the JIT and the AOT compiler fold away: no reflection.
    /// </summary>
    /// <exception cref="NotSupportedException">Any other type: use <see cref="ForStruct{T}"/> or a combinator.</exception>
    public static XmlRpcConverter<T> GetDefault<T>() =>
        TryGetDefault<T>() ?? throw new NotSupportedException(
            $"No built-in XML-RPC converter for '{typeof(T)}'. For a record or class, mark it [XmlRpcStruct] and make it partial, then pass " +
            $"XmlRpcConverters.ForStruct<{typeof(T).Name}>(); for a collection, compose one (XmlRpcConverters.ListOf(...)); or take the raw XmlRpcValue.");

    public static XmlRpcConverter<T>? TryGetDefault<T>()
    {
        object? converter =
            typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(bool) ? Boolean
            : typeof(T) == typeof(string) ? String
            : typeof(T) == typeof(double) ? Double
            : typeof(T) == typeof(DateTime) ? DateTime
            : typeof(T) == typeof(DateTimeOffset) ? DateTimeOffset
            : typeof(T) == typeof(byte[]) ? Bytes
            : typeof(T) == typeof(XmlRpcValue) ? Value
            : typeof(T) == typeof(XmlRpcStruct) ? Struct
            : typeof(T) == typeof(XmlRpcArray) ? Array
            : typeof(T) == typeof(int?) ? NullableOf(Int32)
            : typeof(T) == typeof(long?) ? NullableOf(Int64)
            : typeof(T) == typeof(bool?) ? NullableOf(Boolean)
            : typeof(T) == typeof(double?) ? NullableOf(Double)
            : typeof(T) == typeof(DateTime?) ? NullableOf(DateTime)
            : typeof(T) == typeof(DateTimeOffset?) ? NullableOf(DateTimeOffset)
            : typeof(T) == typeof(string[]) ? ArrayOf(String)
            : typeof(T) == typeof(int[]) ? ArrayOf(Int32)
            : null;
        return converter as XmlRpcConverter<T>;
    }

    /// <summary>Reads a required struct member; a missing member or a wrong type fails with the member's name in the message.</summary>
    public static T ReadMember<T>(XmlRpcStruct value, string name, XmlRpcConverter<T> converter)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.TryGetValue(name, out var member))
        {
            throw new XmlRpcConversionException($"struct member '{name}' is missing");
        }

        try
        {
            return converter.Read(member);
        }
        catch (XmlRpcConversionException e)
        {
            throw new XmlRpcConversionException($"struct member '{name}': {e.Message}", e);
        }
    }

    /// <summary>Reads a member that may be absent (a nullable member): absent gives <c>default</c>.</summary>
    public static T? ReadOptionalMember<T>(XmlRpcStruct value, string name, XmlRpcConverter<T> converter)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.ContainsKey(name) ? ReadMember(value, name, converter) : default;
    }

    /// <summary>Writes a struct member, naming it in the message if the value cannot be written.</summary>
    public static XmlRpcValue WriteMember<T>(string name, T value, XmlRpcConverter<T> converter)
    {
        try
        {
            return converter.Write(value);
        }
        catch (XmlRpcConversionException e)
        {
            throw new XmlRpcConversionException($"struct member '{name}': {e.Message}", e);
        }
    }

    public static T ReadElement<T>(XmlRpcArray array, int index, XmlRpcConverter<T> converter)
    {
        ArgumentNullException.ThrowIfNull(array);
        try
        {
            return converter.Read(array[index]);
        }
        catch (XmlRpcConversionException e)
        {
            throw new XmlRpcConversionException($"array element {index}: {e.Message}", e);
        }
    }

    public static XmlRpcArray WriteSequence<T>(IEnumerable<T> items, XmlRpcConverter<T> converter)
    {
        if (items is null)
        {
            throw new XmlRpcConversionException("null cannot be sent as an array: declare the type nullable to send nil");
        }

        var array = new XmlRpcArray();
        foreach (var item in items)
        {
            array.Add(converter.Write(item));
        }

        return array;
    }

    /// <summary>The value as a struct, or a conversion failure naming the CLR type that wanted one.</summary>
    public static XmlRpcStruct ExpectStruct(XmlRpcValue value, string typeName) =>
        value as XmlRpcStruct ?? throw new XmlRpcConversionException($"expected struct ({typeName}), got {XmlRpcTypeNames.Of(value.Kind)}");
}

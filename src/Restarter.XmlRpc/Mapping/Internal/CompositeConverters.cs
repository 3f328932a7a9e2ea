namespace Restarter.XmlRpc.Mapping.Internal;

internal sealed class NullableValueConverter<T>(XmlRpcConverter<T> inner) : XmlRpcConverter<T?>
    where T : struct
{
    public override string SignatureName => inner.SignatureName;

    public override T? Read(XmlRpcValue value) => value is XmlRpcNil ? null : inner.Read(value);

    public override XmlRpcValue Write(T? value) => value is { } v ? inner.Write(v) : XmlRpcValue.Nil;
}

internal sealed class NullableReferenceConverter<T>(XmlRpcConverter<T> inner) : XmlRpcConverter<T?>
    where T : class
{
    public override string SignatureName => inner.SignatureName;

    public override T? Read(XmlRpcValue value) => value is XmlRpcNil ? null : inner.Read(value);

    public override XmlRpcValue Write(T? value) => value is null ? XmlRpcValue.Nil : inner.Write(value);
}

internal sealed class ArrayConverter<T>(XmlRpcConverter<T> element) : XmlRpcConverter<T[]>
{
    public override string SignatureName => XmlRpcTypeNames.Array;

    public override T[] Read(XmlRpcValue value)
    {
        var array = value as XmlRpcArray ?? throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Array, value);
        var result = new T[array.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = XmlRpcConverters.ReadElement(array, i, element);
        }

        return result;
    }

    public override XmlRpcValue Write(T[] value) => XmlRpcConverters.WriteSequence(value, element);
}

internal sealed class ListConverter<T>(XmlRpcConverter<T> element) : XmlRpcConverter<List<T>>
{
    public override string SignatureName => XmlRpcTypeNames.Array;

    public override List<T> Read(XmlRpcValue value)
    {
        var array = value as XmlRpcArray ?? throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Array, value);
        var result = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(XmlRpcConverters.ReadElement(array, i, element));
        }

        return result;
    }

    public override XmlRpcValue Write(List<T> value) => XmlRpcConverters.WriteSequence(value, element);
}

internal sealed class DictionaryConverter<T>(XmlRpcConverter<T> element) : XmlRpcConverter<Dictionary<string, T>>
{
    public override string SignatureName => XmlRpcTypeNames.Struct;

    public override Dictionary<string, T> Read(XmlRpcValue value)
    {
        var s = value as XmlRpcStruct ?? throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Struct, value);
        var result = new Dictionary<string, T>(s.Count, StringComparer.Ordinal);
        foreach (var (name, member) in s)
        {
            result[name] = XmlRpcConverters.ReadMember(s, name, element);
        }

        return result;
    }

    public override XmlRpcValue Write(Dictionary<string, T> value)
    {
        if (value is null)
        {
            throw new XmlRpcConversionException("null cannot be sent as a struct: declare the type nullable to send nil");
        }

        var result = new XmlRpcStruct();
        foreach (var (name, member) in value)
        {
            result.Add(name, element.Write(member));
        }

        return result;
    }
}

/// <summary>Lets an interface type (IReadOnlyList&lt;T&gt;...) reuse the converter of the concrete type that implements it.</summary>
internal sealed class UpcastConverter<TConcrete, TInterface>(XmlRpcConverter<TConcrete> inner, Func<TInterface, TConcrete> toConcrete) : XmlRpcConverter<TInterface>
    where TConcrete : TInterface
{
    public override string SignatureName => inner.SignatureName;

    public override TInterface Read(XmlRpcValue value) => inner.Read(value);

    public override XmlRpcValue Write(TInterface value) =>
        value is null ? throw new XmlRpcConversionException("null cannot be sent: declare the type nullable to send nil") : inner.Write(toConcrete(value));
}
